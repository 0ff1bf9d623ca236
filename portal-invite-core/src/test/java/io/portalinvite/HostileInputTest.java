package io.portalinvite;

import static io.portalinvite.testing.PortalFixture.DOB;
import static io.portalinvite.testing.PortalFixture.PRACTICE;
import static io.portalinvite.testing.PortalFixture.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.MessageTemplates;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.HostileCorpus;
import io.portalinvite.testing.PortalFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input over the invite API: every case breaks exactly one field of an otherwise valid
 * request and expects a {@link ValidationException} naming that field, a message free of raw
 * control characters, and nothing stored, queued, audited, published or sent.
 */
class HostileInputTest {

    /** The patient id of the otherwise valid request each case breaks. */
    private static final String PATIENT = "hostile-1";

    /** Today at the practice (Australia/Sydney) when the fixture clock reads {@link PortalFixture#START}. */
    private static final LocalDate TODAY = LocalDate.ofInstant(PortalFixture.START, ZoneId.of("Australia/Sydney"));

    private InMemoryPortalStorage storage;
    private PortalFixture fixture;

    @BeforeEach
    void setUp() {
        storage = new InMemoryPortalStorage();
        fixture = new PortalFixture(storage);
        fixture.enablePortal();
    }

    // ------------------------------------------------------------------------------------------
    // The cases: (label, field to break, hostile value, field the violation must name)
    // ------------------------------------------------------------------------------------------

    static Stream<Arguments> hostileCases() {
        List<Arguments> cases = new ArrayList<>();
        // the text cases live in the shared corpus (testing/HostileCorpus), marked "reject=<field>"
        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            for (String field : new TreeSet<>(e.rejectIn())) {
                if (!isSettingOrTemplate(field)) {
                    add(cases, e.label(), field, e.value());
                }
            }
        }
        missing(cases);
        datesAndCarer(cases);
        return cases.stream();
    }

    private static boolean isSettingOrTemplate(String field) {
        return field.startsWith("settings.") || field.startsWith("template.");
    }

    /** The corpus values marked for a practice setting or a template: (label, field, value). */
    static Stream<Arguments> hostileSettingsAndTemplates() {
        List<Arguments> cases = new ArrayList<>();
        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            for (String field : new TreeSet<>(e.rejectIn())) {
                if (isSettingOrTemplate(field)) {
                    cases.add(argumentSet(field + " " + e.label(), field, e.value()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileSettingsAndTemplates")
    void settingOrTemplateWhenHostileThenRefusedNamingItAndNothingChanged(String field, String value) {
        PortalSettings before = fixture.portal.settings().get(PortalFixture.PRACTICE);
        List<AuditEvent> auditBefore = storage.auditEntries();

        assertThatThrownBy(() -> {
                    if (field.startsWith("template.")) {
                        TemplateName name = TemplateName.valueOf(field.substring("template.".length()));
                        fixture.portal.templates().override(PortalFixture.PRACTICE, name, value, PortalFixture.STAFF);
                    } else {
                        PortalSettings.Builder b = before.toBuilder();
                        if (field.equals("settings.practiceName")) {
                            b.practiceName(value);
                        } else {
                            b.senderName(value);
                        }
                        fixture.portal.settings().save(b.build(), PortalFixture.STAFF);
                    }
                })
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field).containsOnly(field);
                    assertNoRawControlCharacters(e.getMessage());
                });

        assertThat(fixture.portal.settings().get(PortalFixture.PRACTICE)).isEqualTo(before);
        for (TemplateName name : TemplateName.values()) {
            assertThat(fixture.portal.templates().source(PortalFixture.PRACTICE, name))
                    .isEqualTo(MessageTemplates.builtIn(name, before.practice().locale()));
        }
        assertThat(storage.auditEntries()).isEqualTo(auditBefore);
    }

    private static void add(List<Arguments> cases, String label, String field, @Nullable Object value) {
        cases.add(argumentSet(field + " " + label, field, value, field));
    }

    private static void missing(List<Arguments> c) {
        for (String field : List.of(
                "patient.givenName",
                "patient.familyName",
                "carer.familyName",
                "patient.email",
                "carer.email",
                "patient.id",
                "practiceId",
                "staffId")) {
            add(c, "null", field, null);
        }
    }

    private static void datesAndCarer(List<Arguments> c) {
        add(c, "tomorrow at the practice", "patient.dateOfBirth", TODAY.plusDays(1));
        add(c, "far future", "patient.dateOfBirth", LocalDate.of(2999, 1, 1));
        add(c, "LocalDate.MAX", "patient.dateOfBirth", LocalDate.MAX);
        add(c, "1850", "patient.dateOfBirth", LocalDate.of(1850, 6, 1));
        add(c, "day before 1880", "patient.dateOfBirth", LocalDate.of(1879, 12, 31));
        add(c, "LocalDate.MIN", "patient.dateOfBirth", LocalDate.MIN);
        add(c, "null", "patient.dateOfBirth", null);
        add(c, "missing", "carer.relationship", null);
    }

    // ------------------------------------------------------------------------------------------
    // Tests
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("hostileCases")
    void inviteWhenOneFieldHostileThenRejectedNamingItAndNothingStored(
            String field, @Nullable Object value, String expectedField) {
        InviteRequest request = requestBreaking(field, value);
        List<AuditEvent> auditBefore = storage.auditEntries();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolationFor(expectedField))
                            .as("violation for %s in %s", expectedField, e.violations())
                            .isTrue();
                    assertThat(e.violations()).extracting(FieldViolation::field).containsOnly(expectedField);
                    assertNoRawControlCharacters(e.getMessage());
                    for (FieldViolation v : e.violations()) {
                        assertNoRawControlCharacters(v.field());
                        assertNoRawControlCharacters(v.rule());
                        assertNoRawControlCharacters(v.message());
                    }
                    if (value instanceof String s && s.strip().length() >= 4) {
                        assertThat(e.getMessage())
                                .as("message echoes the hostile value")
                                .doesNotContain(s);
                    }
                });

        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenBaseRequestsUnbrokenThenInvited() {
        // the requests every hostile case starts from are valid, so each rejection is due to the one broken field
        InviteResult toPatient = fixture.portal.invitations().invite(requestBreaking("none", null));
        InviteResult toCarer = fixture.portal.invitations().invite(requestBreaking("carer.none", null));

        assertThat(toPatient.outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(toCarer.outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(storage.invitations().findByPatient(PRACTICE, PatientId.of(PATIENT)))
                .hasSize(2);
        assertThat(storage.outboundMessages()).isNotEmpty();
        assertThat(storage.auditEntries())
                .filteredOn(a -> a.action() == AuditAction.INVITATION_CREATED)
                .hasSize(2);
    }

    @Test
    void inviteWhenBornTodayInPracticeTimeZoneThenAccepted() {
        // 20:00 UTC on 1 March is 07:00 on 2 March in Sydney: a baby born that morning is not "in the future"
        fixture.clock.set(Instant.parse("2026-03-01T20:00:00Z"));

        InviteResult result = fixture.portal
                .invitations()
                .invite(fixture.newPatient(PATIENT)
                        .dateOfBirth(LocalDate.of(2026, 3, 2))
                        .build());

        assertThat(result.outcome()).isEqualTo(InviteOutcome.INVITED);
    }

    @Test
    void inviteWhenBornOnEarliestAcceptedDateThenAccepted() {
        InviteResult result = fixture.portal
                .invitations()
                .invite(fixture.newPatient(PATIENT)
                        .dateOfBirth(LocalDate.of(1880, 1, 1))
                        .build());

        assertThat(result.outcome()).isEqualTo(InviteOutcome.INVITED);
    }

    @Test
    void inviteWhenPatientAndCarerFieldsAllBadThenEveryViolationReportedTogether() {
        InviteRequest request = fixture.newPatient(PATIENT)
                .patientId("p 1")
                .name("Ada\r\nBcc: x@evil.test", "<script>")
                .dateOfBirth(TODAY.plusDays(1))
                .email("Bob <bob@x.org>")
                .mobile("1-800-FLOWERS")
                .carer("J\u03BFhn", "", "m\u0430ry@example.org", "02 9999 9999", null)
                .build();
        List<AuditEvent> auditBefore = storage.auditEntries();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations())
                            .extracting(FieldViolation::field)
                            .containsExactlyInAnyOrder(
                                    "patient.id",
                                    "patient.givenName",
                                    "patient.familyName",
                                    "patient.dateOfBirth",
                                    "patient.email",
                                    "patient.mobile",
                                    "carer.givenName",
                                    "carer.familyName",
                                    "carer.email",
                                    "carer.mobile",
                                    "carer.relationship");
                    assertNoRawControlCharacters(e.getMessage());
                });
        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenPatientFieldsBadWithoutCarerThenEveryViolationReportedTogether() {
        InviteRequest request = fixture.newPatient(PATIENT)
                .name("", "Lov\u0435lace")
                .dateOfBirth(null)
                .email("   ")
                .mobile("+61 4")
                .build();
        List<AuditEvent> auditBefore = storage.auditEntries();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder(
                                        "patient.givenName",
                                        "patient.familyName",
                                        "patient.dateOfBirth",
                                        "patient.email",
                                        "patient.mobile"));
        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenPracticeIdAndStaffIdBothBadThenBothReportedTogether() {
        InviteRequest request = InviteRequest.newPatient("practice/1", "staff'7")
                .patientId(PATIENT)
                .name("Ada", "Lovelace")
                .dateOfBirth(DOB)
                .email("ada@example.org")
                .build();
        List<AuditEvent> auditBefore = storage.auditEntries();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("practiceId", "staffId"));
        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenStaffIdAndPatientFieldsBadThenEveryViolationReportedTogether() {
        // InviteRequest and InvitationService#invite promise "every bad field at once"; the staff id
        // is not needed to read the practice's settings, so nothing justifies stopping at it
        InviteRequest request = InviteRequest.newPatient(PRACTICE.value(), "staff 7")
                .patientId(PATIENT)
                .name("Ada2", "Lovelace")
                .dateOfBirth(DOB)
                .email("Bob <bob@x.org>")
                .build();
        List<AuditEvent> auditBefore = storage.auditEntries();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("staffId", "patient.givenName", "patient.email"));
        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenOnlyRequiredFieldsMissingThenEachNamedAsRequired() {
        InviteRequest request =
                InviteRequest.newPatient(PRACTICE.value(), STAFF.value()).build();

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations())
                            .extracting(FieldViolation::field)
                            .containsExactlyInAnyOrder(
                                    "patient.id",
                                    "patient.givenName",
                                    "patient.familyName",
                                    "patient.dateOfBirth",
                                    "patient.email");
                    assertThat(e.violations()).extracting(FieldViolation::rule).containsOnly("required");
                });
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    /**
     * Builds a valid request (to the patient, or to a carer for {@code carer.*} fields) and replaces
     * one field with the hostile value. Unknown fields leave the request valid.
     */
    private InviteRequest requestBreaking(String field, @Nullable Object value) {
        String s = value instanceof String str ? str : null;
        String practiceId = field.equals("practiceId") ? s : PRACTICE.value();
        String staffId = field.equals("staffId") ? s : STAFF.value();
        InviteRequest.Builder b = field.equals("practiceId") || field.equals("staffId")
                ? InviteRequest.newPatient(practiceId, staffId)
                        .patientId(PATIENT)
                        .name("Ada", "Lovelace")
                        .dateOfBirth(DOB)
                        .email("ada." + PATIENT + "@example.org")
                        .mobile("0412 345 678")
                : fixture.newPatient(PATIENT);
        switch (field) {
            case "patient.id" -> b.patientId(s);
            case "patient.givenName" -> b.name(s, "Lovelace");
            case "patient.familyName" -> b.name("Ada", s);
            case "patient.dateOfBirth" -> b.dateOfBirth((LocalDate) value);
            case "patient.email" -> b.email(s);
            case "patient.mobile" -> b.mobile(s);
            default -> {
                // practiceId and staffId were set above
            }
        }
        if (field.startsWith("carer.")) {
            b.carer(
                    field.equals("carer.givenName") ? s : "Mary",
                    field.equals("carer.familyName") ? s : "Somerville",
                    field.equals("carer.email") ? s : "mary.somerville@example.org",
                    field.equals("carer.mobile") ? s : "0413 222 333",
                    field.equals("carer.relationship") ? (Relationship) value : Relationship.PARENT);
        }
        return b.build();
    }

    private void assertNothingStored(List<AuditEvent> auditBefore, List<PortalEvent> eventsBefore) {
        assertThat(storage.invitations().findByPatient(PRACTICE, PatientId.of(PATIENT)))
                .isEmpty();
        assertThat(storage.outboundMessages()).isEmpty();
        assertThat(storage.auditEntries())
                .containsExactlyElementsOf(auditBefore)
                .noneMatch(a -> a.action() == AuditAction.INVITATION_CREATED);
        assertThat(fixture.events)
                .containsExactlyElementsOf(eventsBefore)
                .noneMatch(ev -> ev instanceof PortalEvent.InvitationCreated);
        fixture.portal.dispatcher().drain();
        assertThat(fixture.email.sent()).isEmpty();
        assertThat(fixture.sms.sent()).isEmpty();
    }

    private static void assertNoRawControlCharacters(String text) {
        assertThat(text.codePoints().filter(HostileInputTest::isRawControl).toArray())
                .as("raw control or invisible characters in %s", text.replaceAll("\\p{C}", "?"))
                .isEmpty();
    }

    private static boolean isRawControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || cp == 0x2028 || cp == 0x2029;
    }
}
