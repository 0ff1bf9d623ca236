package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.settings.PortalSettings;
import java.time.LocalDate;

/** Shared test data: a practice with the portal enabled and a valid new-patient request. */
final class TestPortal {

    static final PracticeId PRACTICE = PracticeId.of("practice-1");
    static final StaffId STAFF = StaffId.of("staff-7");
    static final LocalDate DOB = LocalDate.of(1990, 5, 17);
    static final String GOOD_PASSWORD = "violet kayak drifts over quiet granite";
    static final String TOKEN_KEY_BASE64 = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    static final String LINK_BASE = "https://portal.sunrise.example/portal/invitation";

    /** What every application needs to start: a token key and the address links point to. */
    static final String[] REQUIRED = {
        "portal.invite.token-key=" + TOKEN_KEY_BASE64, "portal.invite.practice-defaults.link-base-url=" + LINK_BASE
    };

    private TestPortal() {}

    /**
     * Returns the innermost cause of a context's start-up failure, failing when it started.
     *
     * @param context the context a runner started
     * @return the root cause, or the failure itself when it has none
     */
    static Throwable startupFailure(
            org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider<?> context) {
        Throwable failure = context.getStartupFailure();
        if (failure == null) {
            throw new AssertionError("the context started");
        }
        return org.springframework.core.NestedExceptionUtils.getMostSpecificCause(failure);
    }

    static void enable(PortalInvite portal) {
        portal.settings()
                .save(
                        PortalSettings.builder(PRACTICE)
                                .enabled(true)
                                .practiceName("Sunrise Family Clinic")
                                .invitationLinkBase("https://portal.sunrise.example/invitation")
                                .build(),
                        STAFF);
    }

    static InviteRequest newPatient(String patientId) {
        return InviteRequest.newPatient(PRACTICE.value(), STAFF.value())
                .patientId(patientId)
                .name("Ada", "Lovelace")
                .dateOfBirth(DOB)
                .email("ada." + patientId.toLowerCase(java.util.Locale.ROOT) + "@example.org")
                .mobile("0412 345 678")
                .build();
    }
}
