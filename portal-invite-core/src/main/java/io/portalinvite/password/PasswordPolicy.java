package io.portalinvite.password;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.internal.Passwords;
import java.util.ArrayList;
import java.util.List;

/**
 * Length limits for patient passwords, following NIST SP 800-63B-4.
 *
 * <p>Lengths are counted in Unicode code points after {@link Passwords#normalize NFKC}. NIST requires
 * at least 15 characters when the password is the only authentication factor and allows 8 when it
 * is one of several, so the minimum may be lowered to 8 — but a practice's settings accept a minimum
 * below 15 only together with {@link io.portalinvite.settings.SecondFactorPolicy#REQUIRED} (see
 * {@link io.portalinvite.settings.RegistrationRules}).
 * Verifiers must accept at least 64 characters, so the maximum cannot be set below 64; it cannot be
 * raised above 1024 so that input size stays bounded. Independently of the configured maximum,
 * raw input longer than {@link #MAX_UTF8_BYTES} UTF-8 bytes is always refused, before any work is
 * done on it. Because the minimum never exceeds 64 and the maximum is never below 64, every valid
 * policy also has {@code maxLength >= minLength}.
 *
 * <p>The policy deliberately has no composition rules (required digits, symbols or mixed case) and
 * no strength-score threshold: NIST forbids both, because they push people towards predictable
 * substitutions rather than longer passwords.
 *
 * @param minLength fewest code points a password may have, 8 to 64
 * @param maxLength most code points a password may have, 64 to 1024
 */
public record PasswordPolicy(int minLength, int maxLength) {

    /** Hard cap on the UTF-8 size of any password input, whatever the policy says. */
    public static final int MAX_UTF8_BYTES = 4096;

    /** NIST's minimum when the password is the only factor; the default. */
    public static final int SINGLE_FACTOR_MIN_LENGTH = 15;

    /** The lowest minimum NIST permits, only when a second factor is also required. */
    public static final int LOWEST_MIN_LENGTH = 8;

    /** The highest minimum allowed, so a policy can never demand more than verifiers must accept. */
    public static final int HIGHEST_MIN_LENGTH = 64;

    /** The lowest maximum allowed: NIST says verifiers must accept passwords of at least 64. */
    public static final int LOWEST_MAX_LENGTH = 64;

    /** The highest maximum allowed, and the default. */
    public static final int HIGHEST_MAX_LENGTH = 1024;

    /** Single-factor policy: 15 to 1024 code points. */
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(SINGLE_FACTOR_MIN_LENGTH, HIGHEST_MAX_LENGTH);

    /** Dotted field path used in configuration errors for {@link #minLength()}. */
    static final String MIN_LENGTH_FIELD = "passwordPolicy.minLength";

    /** Dotted field path used in configuration errors for {@link #maxLength()}. */
    static final String MAX_LENGTH_FIELD = "passwordPolicy.maxLength";

    /** Rule code for a minimum outside 8..64. */
    static final String MIN_LENGTH_RULE = "password_policy.min_length_out_of_range";

    /** Rule code for a maximum outside 64..1024. */
    static final String MAX_LENGTH_RULE = "password_policy.max_length_out_of_range";

    /**
     * Refuses configurations that NIST does not allow, reporting every bad field at once.
     *
     * @param minLength fewest code points a password may have, 8 to 64
     * @param maxLength most code points a password may have, 64 to 1024
     * @throws ValidationException naming {@code passwordPolicy.minLength} and/or
     *         {@code passwordPolicy.maxLength} with the broken rule
     */
    public PasswordPolicy {
        List<FieldViolation> violations = new ArrayList<>(2);
        if (minLength < LOWEST_MIN_LENGTH || minLength > HIGHEST_MIN_LENGTH) {
            violations.add(new FieldViolation(
                    MIN_LENGTH_FIELD,
                    MIN_LENGTH_RULE,
                    "minimum password length must be between " + LOWEST_MIN_LENGTH + " and "
                            + HIGHEST_MIN_LENGTH + " characters (NIST SP 800-63B-4), was "
                            + minLength));
        }
        if (maxLength < LOWEST_MAX_LENGTH || maxLength > HIGHEST_MAX_LENGTH) {
            violations.add(new FieldViolation(
                    MAX_LENGTH_FIELD,
                    MAX_LENGTH_RULE,
                    "maximum password length must be between " + LOWEST_MAX_LENGTH + " and "
                            + HIGHEST_MAX_LENGTH + " characters (verifiers must accept at least "
                            + LOWEST_MAX_LENGTH + "), was " + maxLength));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /**
     * Returns the default policy with a different minimum, typically 8 for hosts that always
     * require a second factor alongside the password.
     *
     * @param minLength fewest code points, 8 to 64
     * @return a policy with that minimum and the default maximum of 1024
     * @throws ValidationException if the minimum is out of range
     */
    public static PasswordPolicy withMinLength(int minLength) {
        return new PasswordPolicy(minLength, HIGHEST_MAX_LENGTH);
    }
}
