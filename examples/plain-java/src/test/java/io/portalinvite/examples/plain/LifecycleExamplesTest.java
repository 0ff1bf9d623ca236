package io.portalinvite.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.invitation.BulkInvitationResult;
import io.portalinvite.invitation.BulkInvitationResult.BulkProgress;
import io.portalinvite.invitation.BulkInvitationResult.BulkRejection;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.reset.PasswordResetService.ResetRequestReceipt;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the README's bulk, reset and maintenance examples, and checks the README shows them exactly. */
class LifecycleExamplesTest {

    private static final PracticeId PRACTICE = PracticeId.of("sunrise-clinic");
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final String PASSWORD = "violet kayak drifts over quiet granite";

    private final List<EmailMessage> emails = new CopyOnWriteArrayList<>();
    private PortalInvite portal;

    @BeforeEach
    void portal() {
        portal = PortalInvite.builder()
                .tokenKey(TokenKey.generate())
                .emailSender(emails::add)
                .defaultSender(EmailAddress.of("no-reply@sunrise.example"))
                .build();
        portal.settings()
                .save(
                        PortalSettings.builder(PRACTICE)
                                .enabled(true)
                                .dateOfBirthCheck(false)
                                .practiceName("Sunrise Family Clinic")
                                .invitationLinkBase("https://portal.sunrise.example/invitation")
                                .build(),
                        StaffId.of("admin-1"));
    }

    @AfterEach
    void close() {
        portal.close();
    }

    @Test
    void bulkExampleInvitesTheValidRowsAndReportsTheOthers() {
        List<BulkProgress> progress = new CopyOnWriteArrayList<>();
        List<BulkRejection> report = new CopyOnWriteArrayList<>();
        BulkInvitationResult summary = LifecycleExamples.bulk(
                portal,
                PRACTICE,
                Stream.of(
                        new LifecycleExamples.HostPatient(
                                "PT-1", "Ada", "Lovelace", LocalDate.of(1990, 5, 17), "ada@example.org"),
                        new LifecycleExamples.HostPatient(
                                "PT-2", "Grace", "Hopper", LocalDate.of(1956, 12, 9), "not-an-email"),
                        new LifecycleExamples.HostPatient(
                                "PT-3", "Alan", "Turing", LocalDate.of(1954, 6, 23), "alan@example.org")),
                progress,
                report);
        assertThat(summary.invited()).isEqualTo(2);
        assertThat(summary.invalid()).containsOnlyKeys("patient.email:email.syntax");
        assertThat(report).singleElement().extracting(BulkRejection::patientId).isEqualTo("PT-2");
        assertThat(progress).isNotEmpty();
        assertThat(portal.dispatcher().drain()).isEqualTo(2);
    }

    @Test
    void resetExampleSetsTheNewPasswordAndEndsEarlierSessions() {
        portal.invitations()
                .invite(InviteRequest.existingPatient("sunrise-clinic", "admin-1")
                        .patientId("PT-1")
                        .name("Ada", "Lovelace")
                        .dateOfBirth(LocalDate.of(1990, 5, 17))
                        .email("ada@example.org")
                        .build());
        portal.dispatcher().drain();
        AccountId account = portal.registration()
                .complete(new CompleteRegistration(token(emails.get(0)), PASSWORD, PASSWORD, null))
                .accountId();
        Instant loggedInAt = Instant.now().minusSeconds(60);
        String newPassword = "amber lantern sways above slow rivers";

        LifecycleExamples.Reset reset = LifecycleExamples.reset(
                portal,
                PRACTICE,
                "ada@example.org",
                () -> {
                    portal.dispatcher().drain();
                    return token(emails.get(emails.size() - 1));
                },
                newPassword,
                newPassword,
                account,
                loggedInAt);

        assertThat(reset.receipt()).isEqualTo(ResetRequestReceipt.GENERIC);
        assertThat(reset.account()).isEqualTo(account);
        assertThat(reset.stillValid()).isFalse();
        assertThat(portal.login().login("ada@example.org", newPassword).succeeded())
                .isTrue();
    }

    @Test
    void maintenanceExampleSavesTheSettingsAndSweeps() {
        assertThat(LifecycleExamples.maintenance(portal, PRACTICE).expired()).isZero();
        assertThat(portal.settings().get(PRACTICE).delivery().messagesPerMinute())
                .isEqualTo(120);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bulk", "reset", "maintenance"})
    void readmeShowsExactlyTheCompiledExample(String name) {
        ReadmeSnippets.assertReadmeShows("LifecycleExamples.java", name);
    }

    private static String token(EmailMessage email) {
        Matcher m = TOKEN.matcher(email.textBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
