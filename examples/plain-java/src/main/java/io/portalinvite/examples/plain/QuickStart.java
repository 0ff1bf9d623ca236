package io.portalinvite.examples.plain;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import java.time.Duration;
import java.time.LocalDate;

/**
 * The README's quick start, kept here so the build compiles it; {@code ReadmeQuickStartTest}
 * checks that the README shows exactly this code.
 */
final class QuickStart {

    private QuickStart() {}

    /** What the quick start leaves behind, for the test to inspect. */
    record Started(PortalInvite portal, InviteResult result) {}

    static Started quickStart(EmailSender emailSender, SmsSender smsSender, String tokenKeyBase64) {
        // quick-start:begin
        PortalInvite portal = PortalInvite.builder()
                .tokenKey(TokenKey.fromBase64(tokenKeyBase64)) // same secret on every node, not in the database
                .emailSender(emailSender) // your SMTP gateway
                .smsSender(smsSender) // optional: your SMS provider
                .defaultSender(EmailAddress.of("no-reply@sunrise.example"))
                .build(); // in-memory stores unless you pass .storage(...)

        PracticeId practice = PracticeId.of("sunrise-clinic");
        portal.settings()
                .save(
                        PortalSettings.builder(practice)
                                .enabled(true)
                                .practiceName("Sunrise Family Clinic")
                                .invitationLinkBase("https://portal.sunrise.example/invitation")
                                .build(),
                        StaffId.of("admin-1"));
        portal.dispatcher().start(Duration.ofSeconds(5)); // sends queued messages after commit

        InviteResult result = portal.invitations()
                .invite(InviteRequest.newPatient("sunrise-clinic", "reception-1")
                        .patientId("PT-1001")
                        .name("Ada", "Lovelace")
                        .dateOfBirth(LocalDate.of(1990, 5, 17))
                        .email("ada.lovelace@example.org")
                        .mobile("0412 345 678")
                        .build());
        // quick-start:end
        return new Started(portal, result);
    }
}
