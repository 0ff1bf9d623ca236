package io.portalinvite.password;

import java.util.List;

/**
 * The outcome of {@link PasswordValidator#check}: every rule the password broke, not only the
 * first, so the patient can fix everything in one attempt.
 *
 * @param violations the broken rules in a stable order; empty when the password is acceptable
 */
public record PasswordCheck(List<PasswordViolation> violations) {

    /** The NIST-style hint shown after any rejection. */
    public static final String GUIDANCE =
            "Use a long passphrase of several unrelated words;" + " avoid names, dates and common phrases.";

    /**
     * Takes an immutable copy so the result cannot change after it was handed out.
     *
     * @param violations the broken rules; empty when the password is acceptable
     * @throws NullPointerException if the list or any element is null
     */
    public PasswordCheck {
        violations = List.copyOf(violations);
    }

    /**
     * Tells whether the password may be used.
     *
     * @return true when no rule was broken
     */
    public boolean acceptable() {
        return violations.isEmpty();
    }

    /**
     * Tells whether a given rule was broken, so callers can branch on a reason without scanning
     * the list themselves.
     *
     * @param code one of the {@link PasswordViolation} code constants
     * @return true when a violation with that code is present
     */
    public boolean hasViolation(String code) {
        return violations.stream().anyMatch(v -> v.code().equals(code));
    }

    /**
     * Returns advice for choosing a better password. It is the same for every rejection on purpose:
     * NIST favours one clear hint over feedback that teaches patients to make minimal edits until
     * the checker stops complaining.
     *
     * @return a short sentence suitable for display under the password field
     */
    public String guidance() {
        return GUIDANCE;
    }
}
