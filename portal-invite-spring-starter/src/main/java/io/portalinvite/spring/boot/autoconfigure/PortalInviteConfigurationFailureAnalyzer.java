package io.portalinvite.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a {@link PortalInviteConfigurationException} the way Spring Boot prints a failed
 * property binding: one block per property, with its value and the reason.
 */
class PortalInviteConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<PortalInviteConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortalInviteConfigurationException cause) {
        StringBuilder description = new StringBuilder("portal-invite cannot start with this configuration:\n");
        for (PortalInviteConfigurationException.Problem problem : cause.problems()) {
            description
                    .append("\n    Property: ")
                    .append(problem.property())
                    .append("\n    Value: \"")
                    .append(problem.value())
                    .append("\"\n    Reason: ")
                    .append(problem.reason())
                    .append('\n');
        }
        return new FailureAnalysis(
                description.toString(),
                "Update the properties above (see the portal-invite README, section Spring Boot).",
                cause);
    }
}
