package io.portalinvite.password;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words a password must not be derived from: the patient's own details, the practice's name and
 * this product's name. NIST SP 800-63B-4 lists such context-specific words among the values a
 * verifier must refuse, because they are the first guesses of anyone who knows the patient.
 *
 * <p>Every word is stored NFKC-normalised and lower-cased with {@link Locale#ROOT}, together with
 * the same skeleton forms {@link PasswordValidator} derives from a password, so that a password is
 * matched however it capitalises or punctuates the word. Words shorter than three code points are
 * ignored: they would match too much to be useful. The product words {@link #PRODUCT_WORDS} are
 * always present.
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} reports only a count, because the
 * words are personal data (names, email address, date of birth) that must not reach logs.
 */
public final class PasswordContext {

    /** Names of the product and the thing being protected, refused for every patient. */
    public static final Set<String> PRODUCT_WORDS =
            Set.of("patientportal", "patient", "portal", "password", "passphrase", "mychart", "login");

    private static final Pattern NAME_SEPARATORS = Pattern.compile("[\\s\\p{Pd}]+");
    private static final Pattern EMAIL_LOCAL_SEPARATORS = Pattern.compile("[._+\\p{Pd}]+");

    /** Spellings of a date of birth that people commonly put in passwords. */
    private static final List<DateTimeFormatter> DATE_OF_BIRTH_FORMATS = List.of(
                    "uuuuMMdd",
                    "ddMMuuuu",
                    "MMdduuuu",
                    "dd/MM/uuuu",
                    "MM/dd/uuuu",
                    "d/M/uuuu",
                    "M/d/uuuu",
                    "uuuu-MM-dd",
                    "dd-MM-uuuu",
                    "MM-dd-uuuu",
                    "dd.MM.uuuu",
                    "ddMMuu",
                    "MMdduu",
                    "uuMMdd")
            .stream()
            .map(pattern -> DateTimeFormatter.ofPattern(pattern, Locale.ROOT))
            .toList();

    private static final PasswordContext EMPTY = new Builder().build();

    private final Set<String> words;

    private PasswordContext(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    /**
     * Returns a context holding only the product words, for when nothing is known about the
     * patient or practice yet.
     *
     * @return the shared empty context
     */
    public static PasswordContext empty() {
        return EMPTY;
    }

    /**
     * Starts a context for one patient at one practice.
     *
     * @return a new builder, pre-loaded with the product words
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns every stored word and derived form; package-private because the words are PHI. */
    Set<String> words() {
        return words;
    }

    /**
     * Tells whether a password is derived from the context: the password or one of its
     * {@linkplain PasswordSkeleton#variants skeleton forms} equals a context word or two context
     * words joined together (as in {@code janesmith} or {@code sunriseclinic}), or all of its
     * digits taken together spell a context word (a date of birth hidden in
     * {@code Born-14.02.1985!}).
     *
     * @param lower the NFKC-normalised, {@code Locale.ROOT} lower-cased password
     */
    boolean isDerivedFrom(String lower) {
        for (String candidate : PasswordSkeleton.variants(lower)) {
            if (words.contains(candidate) || isConcatenationOfTwoWords(candidate)) {
                return true;
            }
        }
        return words.contains(PasswordSkeleton.digitsOnly(lower));
    }

    private boolean isConcatenationOfTwoWords(String candidate) {
        int split = candidate.isEmpty() ? 0 : Character.charCount(candidate.codePointAt(0));
        while (split < candidate.length()) {
            if (words.contains(candidate.substring(0, split)) && words.contains(candidate.substring(split))) {
                return true;
            }
            split += Character.charCount(candidate.codePointAt(split));
        }
        return false;
    }

    /**
     * Describes the context without revealing any of its words.
     *
     * @return a string such as {@code PasswordContext[23 words]}
     */
    @Override
    public String toString() {
        return "PasswordContext[" + words.size() + " words]";
    }

    /**
     * Collects context words. Not thread-safe: build on one thread, then share the result.
     */
    public static final class Builder {

        private final Set<String> words = new HashSet<>();

        private Builder() {
            PRODUCT_WORDS.forEach(this::addForms);
        }

        /**
         * Adds a person's or practice's name, whole and split into its parts, because
         * {@code Sunrise Family Clinic} yields guessable passwords from {@code sunrise} to
         * {@code sunrisefamilyclinic}.
         *
         * @param name a full or partial name; split on whitespace and hyphens
         * @return this builder
         */
        public Builder addName(String name) {
            Objects.requireNonNull(name, "name");
            String lower = canonical(name);
            addForms(lower);
            addParts(lower, NAME_SEPARATORS);
            return this;
        }

        /**
         * Adds an email address: the whole address, its local part (whole and split on dots,
         * underscores, plus signs and hyphens) and each domain label except the top-level domain,
         * since people often reuse their mailbox name or employer's domain as a password.
         *
         * @param email the address; input without {@code @} is treated as a single word
         * @return this builder
         */
        public Builder addEmail(String email) {
            Objects.requireNonNull(email, "email");
            String lower = canonical(email);
            addForms(lower);
            int at = lower.lastIndexOf('@');
            if (at < 0) {
                return this;
            }
            String local = lower.substring(0, at);
            addForms(local);
            addParts(local, EMAIL_LOCAL_SEPARATORS);
            String[] labels = lower.substring(at + 1).split("\\.");
            for (int i = 0; i < labels.length - 1; i++) {
                addForms(labels[i]);
                addParts(labels[i], NAME_SEPARATORS);
            }
            return this;
        }

        /**
         * Adds a date of birth in the spellings people use in passwords ({@code 19900214},
         * {@code 14021990}, {@code 02141990}, {@code 14/02/1990}, {@code 1990-02-14}, two-digit
         * years and so on), since a birthday is among the first things an acquaintance would try.
         *
         * @param dateOfBirth the patient's date of birth
         * @return this builder
         */
        public Builder addDateOfBirth(LocalDate dateOfBirth) {
            Objects.requireNonNull(dateOfBirth, "dateOfBirth");
            DATE_OF_BIRTH_FORMATS.forEach(format -> addForms(format.format(dateOfBirth)));
            return this;
        }

        /**
         * Adds any other word specific to this patient or practice (a street, a town, a pet's
         * name the host happens to know), without splitting it.
         *
         * @param word the word or phrase
         * @return this builder
         */
        public Builder addWord(String word) {
            Objects.requireNonNull(word, "word");
            addForms(canonical(word));
            return this;
        }

        /**
         * Freezes the collected words.
         *
         * @return an immutable context; the builder may be reused afterwards
         */
        public PasswordContext build() {
            return new PasswordContext(words);
        }

        private void addParts(String lower, Pattern separators) {
            for (String part : separators.split(lower)) {
                addForms(part);
            }
        }

        private void addForms(String lower) {
            for (String form : PasswordSkeleton.variants(lower.strip())) {
                if (PasswordSkeleton.isLongEnough(form)) {
                    words.add(form);
                }
            }
        }

        private static String canonical(String word) {
            return Passwords.normalize(word).toLowerCase(Locale.ROOT);
        }
    }
}
