package io.portalinvite.examples.plain;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalPrincipal;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import java.io.PrintStream;
import java.net.URI;
import java.time.LocalDate;

/**
 * Runs the six steps of the Patient Portal workflow from plain Java and prints each one:
 * the practice enables the portal, staff invite a new patient, the email and SMS notice arrive,
 * the patient opens the link, sets a password, and logs in.
 *
 * <p>Run it with {@code mvn -q -pl examples/plain-java -am install -DskipTests && mvn -q -pl
 * examples/plain-java exec:java} (see the README).
 */
public final class PlainJavaExample {

    private PlainJavaExample() {}

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        ConsoleMailbox mailbox = new ConsoleMailbox(out);
        PracticeId practice = PracticeId.of("sunrise-clinic");
        StaffId reception = StaffId.of("reception-1");

        try (PortalInvite portal = PortalInvite.builder()
                .tokenKey(TokenKey.generate()) // production: the same configured key on every node
                .emailSender(mailbox)
                .smsSender(mailbox)
                .build()) {

            out.println("1. The practice enables the Patient Portal");
            portal.settings()
                    .save(
                            PortalSettings.builder(practice)
                                    .enabled(true)
                                    .practiceName("Sunrise Family Clinic")
                                    .invitationLinkBase("https://portal.sunrise.example/invitation")
                                    .build(),
                            reception);
            out.println("   portal enabled: " + portal.settings().get(practice).enabled());

            out.println("2. Reception adds a new patient at booking and toggles \"Send Patient Portal Access\"");
            InviteResult invited = portal.invitations()
                    .invite(InviteRequest.newPatient(practice.value(), reception.value())
                            .patientId("PT-1001")
                            .name("Ada", "Lovelace")
                            .dateOfBirth(LocalDate.of(1990, 5, 17))
                            .email("ada.lovelace@example.org")
                            .mobile("0412 345 678")
                            .build());
            out.println("   outcome: " + invited.outcome() + ", channels: "
                    + invited.invitation().channels());

            out.println("3. The outbox dispatcher delivers the email (with the link) and the SMS notice (without)");
            portal.dispatcher().drain();

            String link = mailbox.lastLink();
            String token = URI.create(link).getQuery().substring("token=".length());
            out.println("4. The patient opens the link: the page shows who it is for, and the link stays unused");
            InvitationPreview preview = portal.registration().preview(token);
            out.println("   " + preview.practiceName() + " invites " + preview.inviteeFirstName() + " ("
                    + preview.maskedEmail() + "), date of birth required: " + preview.dateOfBirthRequired());

            out.println("5. The patient sets a password (and confirms their date of birth)");
            String password = "violet kayak drifts over quiet granite";
            RegistrationResult registered = portal.registration()
                    .complete(new CompleteRegistration(token, password, password, LocalDate.of(1990, 5, 17)));
            out.println("   account created: " + registered.newAccount() + ", access: "
                    + registered.access().kind() + " to patient "
                    + registered.access().patientId());

            out.println("6. The patient logs in to the Patient Portal");
            LoginResult login = portal.login().login("ada.lovelace@example.org", password);
            PortalPrincipal principal = login.principal().orElseThrow();
            out.println("   login succeeded: " + login.succeeded() + ", may act for "
                    + principal.access().stream()
                            .map(a -> a.patientId() + " (" + a.kind() + ")")
                            .toList());
            out.println("   a wrong password gets: \""
                    + portal.login()
                            .login("ada.lovelace@example.org", "not my passphrase at all")
                            .message() + "\"");
        }
    }
}
