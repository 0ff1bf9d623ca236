package io.portalinvite.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.ConsentDocument;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the README's grant, age-rule, consent and audit examples, and checks the README shows them exactly. */
class AccessExamplesTest {

    private static final PracticeId PRACTICE = PracticeId.of("sunrise-clinic");
    private static final StaffId STAFF = StaffId.of("admin-1");
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
                        STAFF);
    }

    @AfterEach
    void close() {
        portal.close();
    }

    @Test
    void grantsExampleRevokesOneGrantSetsAnEndDateAndThenRemovesTheRest() {
        registerParentOf("PT-1", LocalDate.of(2016, 2, 3), "mum@example.org");
        registerParentOf("PT-1", LocalDate.of(2016, 2, 3), "dad@example.org");

        List<PatientAccess> after = AccessExamples.grants(portal, PRACTICE, PatientId.of("PT-1"), STAFF);

        assertThat(after)
                .hasSize(2)
                .allSatisfy(g -> assertThat(g.endReason()).isEqualTo(AccessEndReason.REVOKED_BY_STAFF));
        assertThat(after).anySatisfy(g -> assertThat(g.endsOn()).isEqualTo(LocalDate.of(2027, 6, 30)));
    }

    @Test
    void ageRulesExampleEndsParentalAccessOfATeenagerPastFourteen() {
        registerParentOf("PT-2", LocalDate.of(2005, 1, 1), "parent@example.org");

        assertThat(AccessExamples.ageRules(portal, PRACTICE, STAFF).ended()).isEqualTo(1);
    }

    @Test
    void consentExampleRegistersWithTheVersionThePreviewShowed() {
        portal.settings()
                .save(
                        portal.settings().get(PRACTICE).toBuilder()
                                .consent(new ConsentDocument(
                                        "2026-11",
                                        "How Sunrise Family Clinic keeps your information private.",
                                        null,
                                        Instant.now(),
                                        false))
                                .build(),
                        STAFF);
        String token = invite(InviteRequest.existingPatient(PRACTICE.value(), STAFF.value())
                .patientId("PT-3")
                .name("Ada", "Lovelace")
                .dateOfBirth(LocalDate.of(1990, 5, 17))
                .email("ada@example.org")
                .build());

        RegistrationResult r = AccessExamples.consent(portal, token, PASSWORD, PASSWORD, LocalDate.of(1990, 5, 17));

        assertThat(r.access().consentVersion()).isEqualTo("2026-11");
    }

    @Test
    void auditExampleListsWhoWasGivenAccessAndWhen() {
        registerParentOf("PT-4", LocalDate.of(2016, 2, 3), "mum@example.org");
        portal.invitations().removeAccess(PRACTICE, PatientId.of("PT-4"), STAFF);

        AuditPage page = AccessExamples.audit(portal, PRACTICE, PatientId.of("PT-4"), null);

        assertThat(page.events())
                .extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_GRANTED, AuditAction.ACCESS_REVOKED);
        assertThat(page.events().get(0).actor()).isEqualTo("staff:admin-1");
        assertThat(page.nextCursor()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"grants", "ages", "consent", "audit"})
    void readmeShowsExactlyTheCompiledExample(String name) {
        ReadmeSnippets.assertReadmeShows("AccessExamples.java", name);
    }

    private void registerParentOf(String patientId, LocalDate dob, String parentEmail) {
        String token = invite(InviteRequest.existingPatient(PRACTICE.value(), STAFF.value())
                .patientId(patientId)
                .name("Mia", "Nguyen")
                .dateOfBirth(dob)
                .carer("Linh", "Nguyen", parentEmail, null, Relationship.PARENT)
                .build());
        portal.registration().complete(new CompleteRegistration(token, PASSWORD, PASSWORD, dob));
    }

    private String invite(InviteRequest request) {
        portal.invitations().invite(request);
        portal.dispatcher().drain();
        Matcher m = TOKEN.matcher(emails.get(emails.size() - 1).textBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
