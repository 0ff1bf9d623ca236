package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The application's portal-invite configuration cannot work, found at start-up: each
 * {@link Problem} names the full property, the value it has (masked when secret) and why it was
 * refused. Spring Boot prints them through {@code PortalInviteConfigurationFailureAnalyzer}.
 */
public final class PortalInviteConfigurationException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One refused setting.
     *
     * @param property the full property name, such as {@code portal.invite.email.smtp.host}
     * @param value the value as configured, {@code (not set)} when absent, masked when secret
     * @param reason why it cannot work, and what to do
     */
    public record Problem(String property, String value, String reason) {

        /** Checks that all parts are present. */
        public Problem {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return property + "=\"" + value + "\": " + reason;
        }
    }

    private final List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param problems every refused setting, at least one
     */
    public PortalInviteConfigurationException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns every refused setting.
     *
     * @return the problems, in the order found
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        return "portal-invite is misconfigured: "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
