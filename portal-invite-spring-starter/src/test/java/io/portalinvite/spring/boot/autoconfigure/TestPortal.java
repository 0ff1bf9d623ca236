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

    private TestPortal() {}

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
