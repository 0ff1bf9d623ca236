package io.portalinvite.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Collects field violations across several parse steps so that a caller gets every problem with
 * its input at once, not one per attempt.
 *
 * <p>Not thread-safe; create one per validation.
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** Creates an empty collector. */
    public Violations() {}

    /**
     * Runs a parse step and keeps its violations instead of throwing.
     *
     * @param step a parse that may throw {@link ValidationException}
     * @param <T> the parsed type
     * @return the parsed value, or null when the step was refused
     */
    public <T> @Nullable T capture(Supplier<T> step) {
        try {
            return step.get();
        } catch (ValidationException e) {
            found.addAll(e.violations());
            return null;
        }
    }

    /**
     * Records a violation.
     *
     * @param field the field's dotted path
     * @param rule the rule's code
     * @param message the human-readable message
     */
    public void add(String field, String rule, String message) {
        found.add(new FieldViolation(field, rule, message));
    }

    /**
     * Tells whether nothing has been recorded.
     *
     * @return true when every step passed
     */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * Throws when anything was recorded.
     *
     * @throws ValidationException with every recorded violation
     */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }
}
