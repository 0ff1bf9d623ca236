package io.portalinvite.common;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was refused: one or more fields break a rule. Nothing was stored.
 *
 * <p>Every violation names the field and the rule, so a host can place each message next to the
 * field it concerns.
 */
public class ValidationException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<FieldViolation> violations;

    /**
     * Creates the exception from one or more violations.
     *
     * @param violations the broken rules; at least one
     */
    public ValidationException(List<FieldViolation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates the exception for a single violation.
     *
     * @param field the field's dotted path
     * @param rule the rule's code
     * @param message the human-readable message
     */
    public ValidationException(String field, String rule, String message) {
        this(List.of(new FieldViolation(field, rule, message)));
    }

    /**
     * Returns the broken rules, in the order they were found.
     *
     * @return an immutable, non-empty list
     */
    public List<FieldViolation> violations() {
        return violations;
    }

    /**
     * Tells whether some violation concerns the given field.
     *
     * @param field the field's dotted path
     * @return true when at least one violation names this field
     */
    public boolean hasViolationFor(String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    private static String describe(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        return "Invalid input: "
                + violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; "));
    }
}
