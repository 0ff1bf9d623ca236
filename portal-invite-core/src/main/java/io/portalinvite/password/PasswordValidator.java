package io.portalinvite.password;

import io.portalinvite.internal.Passwords;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordCheck.PasswordViolation;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a patient may use a proposed password, following NIST SP 800-63B-4.
 *
 * <p>The rules are exactly those NIST requires of a verifier: a length range counted in code points
 * after NFKC, and refusal of values that attackers try first (breached and common passwords,
 * repetitive or sequential characters, and words derived from the patient, the practice or the
 * product). Blocklisted and context words are also refused under their usual decorations: the
 * password's "skeleton" (letters and digits only, with leading and trailing digit runs removed, or
 * with all digits removed) must not equal a blocklisted value or a context word, nor two context
 * words joined together, so {@code Sunrisefamilyclinic2026!!!!!!} and {@code Password123456789!!}
 * are refused. All the digits of a password taken together must not spell a context word either,
 * which catches a date of birth spread through it.
 *
 * <p>There are deliberately no composition rules (required digits, symbols, mixed case) and no
 * strength-score threshold: NIST forbids them, and a long passphrase of ordinary lower-case words
 * is accepted.
 *
 * <p>Instances are immutable and thread-safe; create one and share it.
 */
public final class PasswordValidator {

    private final PasswordBlocklist blocklist;

    /**
     * Creates a validator using the shared {@linkplain DictionaryPasswordBlocklist#defaultInstance()
     * default blocklist}, which is loaded once per process however many validators exist.
     */
    public PasswordValidator() {
        this(DictionaryPasswordBlocklist.defaultInstance());
    }

    /**
     * Creates a validator with a host-supplied blocklist, for example one that also consults a
     * breached-password service.
     *
     * @param blocklist the values to refuse; must be thread-safe
     */
    public PasswordValidator(PasswordBlocklist blocklist) {
        this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
    }

    /**
     * Checks a proposed password against every rule and reports all the rules it breaks, so the
     * patient can fix everything at once.
     *
     * <p>Two cases stop early and report a single violation: empty input, and input over the
     * {@value PasswordPolicy#MAX_UTF8_BYTES}-byte hard cap, which is refused before any further
     * work is spent on it.
     *
     * @param password the password as typed; it is never stored, logged or echoed
     * @param policy the length limits to apply
     * @param context the patient's and practice's words to refuse
     * @return the outcome; {@link PasswordCheck#acceptable()} tells whether it may be used
     */
    public PasswordCheck check(CharSequence password, PasswordPolicy policy, PasswordContext context) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(context, "context");
        if (password.length() == 0) {
            return new PasswordCheck(List.of(PasswordViolation.empty()));
        }
        if (Passwords.exceedsHardCap(password)) {
            return new PasswordCheck(List.of(PasswordViolation.tooLong(policy.maxLength())));
        }
        String normalized = Passwords.normalize(password);
        List<PasswordViolation> violations = new ArrayList<>(4);
        int length = Passwords.codePointLength(normalized);
        if (length < policy.minLength()) {
            violations.add(PasswordViolation.tooShort(policy.minLength()));
        } else if (length > policy.maxLength()) {
            violations.add(PasswordViolation.tooLong(policy.maxLength()));
        }
        if (containsForbiddenCharacters(normalized)) {
            violations.add(PasswordViolation.controlCharacters());
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        if (RepetitivePatterns.isRepetitive(lower)) {
            violations.add(PasswordViolation.repetitive());
        }
        if (PasswordSkeleton.variants(lower).stream().anyMatch(blocklist::contains)) {
            violations.add(PasswordViolation.blocklisted());
        }
        if (context.isDerivedFrom(lower)) {
            violations.add(PasswordViolation.context());
        }
        return new PasswordCheck(violations);
    }

    /**
     * Checks a proposed password and throws when it is refused, for callers that treat a refusal
     * like any other input error.
     *
     * @param password the password as typed
     * @param policy the length limits to apply
     * @param context the patient's and practice's words to refuse
     * @throws PasswordRejectedException listing every broken rule
     */
    public void requireAcceptable(CharSequence password, PasswordPolicy policy, PasswordContext context) {
        PasswordCheck check = check(password, policy, context);
        if (!check.acceptable()) {
            throw new PasswordRejectedException(check);
        }
    }

    /**
     * Finds characters a patient cannot reliably type again or see: Unicode control characters
     * (category Cc: NUL, tab, CR, LF, DEL, C1 controls), lone surrogates (text with no UTF-8 form)
     * and the bidirectional embedding, override and isolate controls U+202A..U+202E and
     * U+2066..U+2069.
     *
     * <p>Control characters are stripped or mangled by forms, terminals and C-string APIs, and
     * tab and Enter cannot be typed into a password field at all, so a password containing them
     * usually came from a paste and would lock the patient out on the next device. Bidi controls
     * are invisible yet reorder how text is shown (the "Trojan Source" trick), so a patient who
     * reveals the password cannot see what it really is. Joiners (U+200C, U+200D) stay allowed
     * because Persian text and emoji sequences need them.
     */
    private static boolean containsForbiddenCharacters(String normalized) {
        return Passwords.hasUnpairedSurrogate(normalized)
                || normalized
                        .codePoints()
                        .anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                                || (cp >= 0x202A && cp <= 0x202E)
                                || (cp >= 0x2066 && cp <= 0x2069));
    }

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
    public static final class PasswordContext {

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
}
