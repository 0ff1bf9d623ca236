package io.portalinvite.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
}
