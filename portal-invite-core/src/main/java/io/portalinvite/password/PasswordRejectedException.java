package io.portalinvite.password;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.io.Serial;
import java.util.List;

/**
 * A proposed password was refused. Nothing was stored.
 *
 * <p>As a {@link ValidationException}, it lets hosts show password problems with the same code
 * that shows every other field error: each violation names the field {@value #FIELD} and uses the
 * {@link PasswordViolation} code as the rule. The message lists those codes and explanations only;
 * the password itself is never part of this exception.
 */
public final class PasswordRejectedException extends ValidationException {

    /** The field name used in every {@link FieldViolation} of this exception. */
    public static final String FIELD = "password";

    @Serial
    private static final long serialVersionUID = 1L;

    /** The violations with their password-specific codes, as the check reported them. */
    private final List<PasswordViolation> passwordViolations;

    /** The hint for the patient, captured from the check. */
    private final String guidance;

    /**
     * Creates the exception from a failed check.
     *
     * @param check a check with at least one violation
     * @throws IllegalArgumentException if the check accepted the password, since there would be
     *         nothing to report
     */
    public PasswordRejectedException(PasswordCheck check) {
        super(toFieldViolations(check));
        this.passwordViolations = check.violations();
        this.guidance = check.guidance();
    }

    /**
     * Returns the broken rules with their password-specific codes, in the order they were found.
     *
     * @return an immutable, non-empty list
     */
    public List<PasswordViolation> passwordViolations() {
        return passwordViolations;
    }

    /**
     * Returns the hint to show the patient next to the violations.
     *
     * @return a short sentence; see {@link PasswordCheck#guidance()}
     */
    public String guidance() {
        return guidance;
    }

    private static List<FieldViolation> toFieldViolations(PasswordCheck check) {
        if (check.acceptable()) {
            throw new IllegalArgumentException("a PasswordRejectedException needs a check with at least one violation");
        }
        return check.violations().stream()
                .map(v -> new FieldViolation(FIELD, v.code(), v.message()))
                .toList();
    }
}
