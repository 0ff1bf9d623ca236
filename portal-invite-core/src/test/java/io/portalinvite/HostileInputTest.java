package io.portalinvite;

import static io.portalinvite.testing.PortalFixture.DOB;
import static io.portalinvite.testing.PortalFixture.PRACTICE;
import static io.portalinvite.testing.PortalFixture.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.InviteOutcome;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.party.PatientId;
import io.portalinvite.party.Relationship;
import io.portalinvite.testing.PortalFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

    private static final String CRLF_BCC = "\r\nBcc: x@evil.test";
    private static final String SQL_DROP = "Robert'); DROP TABLE patients;--";
    private static final String SQL_OR = "' OR '1'='1";
    private static final String SQL_SLEEP = "1; SELECT pg_sleep(10)";

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
        names(cases);
        emails(cases);
        phones(cases);
        identifiers(cases);
        datesAndCarer(cases);
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String label, String field, @Nullable Object value) {
        cases.add(argumentSet(field + " " + label, field, value, field));
    }

    private static void names(List<Arguments> c) {
        // CR/LF header injection
        add(c, "CRLF Bcc header", "patient.givenName", "Ada" + CRLF_BCC);
        add(c, "CRLF Bcc header", "patient.familyName", "Lovelace" + CRLF_BCC);
        add(c, "CRLF Bcc header", "carer.givenName", "Mary" + CRLF_BCC);
        add(c, "CRLF Bcc header", "carer.familyName", "Somerville" + CRLF_BCC);
        add(c, "bare CR", "patient.givenName", "Ada\rLovelace");
        add(c, "bare LF", "patient.familyName", "Love\nlace");
        // C0, C1, DEL, bidi and invisible characters
        add(c, "NUL", "patient.givenName", "Ada\u0000");
        add(c, "NUL inside", "patient.familyName", "Love\u0000lace");
        add(c, "BEL", "patient.givenName", "A\u0007da");
        add(c, "ESC ANSI sequence", "patient.givenName", "Ada\u001B[31m");
        add(c, "tab inside", "patient.familyName", "Love\tlace");
        add(c, "C1 NEL", "patient.givenName", "Ada\u0085Lovelace");
        add(c, "C1 CSI", "patient.familyName", "Love\u009Blace");
        add(c, "DEL", "patient.familyName", "Love\u007Flace");
        add(c, "U+202E RLO", "patient.givenName", "Ada\u202Eecalevol");
        add(c, "leading U+202E RLO", "patient.familyName", "\u202ELovelace");
        add(c, "U+2066 isolate", "patient.givenName", "Ada\u2066x\u2069");
        add(c, "zero-width joiner", "patient.givenName", "Ad\u200Da");
        add(c, "zero-width space", "patient.familyName", "Love\u200Blace");
        add(c, "zero-width space alone", "patient.givenName", "\u200B");
        add(c, "BOM", "patient.givenName", "\uFEFFAda");
        add(c, "U+2028 line separator", "patient.givenName", "Ada\u2028Lovelace");
        add(c, "U+2029 paragraph separator", "patient.familyName", "Love\u2029lace");
        add(c, "NUL", "carer.familyName", "Somerville\u0000");
        add(c, "U+202E RLO", "carer.givenName", "Ma\u202Ery");
        add(c, "zero-width joiner", "carer.familyName", "Somer\u200Dville");
        // over-long
        add(c, "101 characters", "patient.givenName", "a".repeat(101));
        add(c, "101 characters", "patient.familyName", "b".repeat(101));
        add(c, "10 KB", "patient.givenName", "x".repeat(10 * 1024));
        add(c, "101 characters", "carer.familyName", "c".repeat(101));
        // Latin words with Greek or Cyrillic look-alikes
        add(c, "Greek omicron in Jοhn", "patient.givenName", "J\u03BFhn");
        add(c, "Cyrillic e in Lovеlace", "patient.familyName", "Lov\u0435lace");
        add(c, "Cyrillic A in Аda", "patient.givenName", "\u0410da");
        add(c, "Cyrillic i in second word", "patient.givenName", "Ada Sm\u0456th");
        add(c, "Cyrillic a in Mаry", "carer.givenName", "M\u0430ry");
        // SQL fragments
        add(c, "SQL DROP TABLE", "patient.givenName", SQL_DROP);
        add(c, "SQL OR 1=1", "patient.familyName", SQL_OR);
        add(c, "SQL pg_sleep", "patient.givenName", SQL_SLEEP);
        add(c, "SQL DROP TABLE", "carer.familyName", SQL_DROP);
        // template and HTML injection
        add(c, "script tag", "patient.givenName", "<script>alert(1)</script>");
        add(c, "bare script tag", "patient.familyName", "<script>");
        add(c, "EL ${7*7}", "patient.familyName", "${7*7}");
        add(c, "mustache {{7*7}}", "patient.givenName", "{{7*7}}");
        add(c, "SpEL #{7*7}", "patient.givenName", "#{7*7}");
        add(c, "img onerror", "patient.familyName", "<img src=x onerror=alert(1)>");
        add(c, "HTML entity", "patient.givenName", "Ada&lt;b&gt;");
        add(c, "script tag", "carer.givenName", "<script>alert(1)</script>");
        add(c, "mustache {{7*7}}", "carer.familyName", "{{7*7}}");
        add(c, "digit", "patient.givenName", "Ada2");
        // empty, blank, null
        add(c, "empty", "patient.givenName", "");
        add(c, "spaces", "patient.givenName", "   ");
        add(c, "tab", "patient.givenName", "\t");
        add(c, "null", "patient.givenName", null);
        add(c, "empty", "patient.familyName", "");
        add(c, "spaces", "patient.familyName", "   ");
        add(c, "null", "patient.familyName", null);
        add(c, "empty", "carer.givenName", "");
        add(c, "tab", "carer.givenName", "\t");
        add(c, "null", "carer.familyName", null);
    }

    private static void emails(List<Arguments> c) {
        // CR/LF header injection
        add(c, "CRLF Bcc header", "patient.email", "ada@example.org" + CRLF_BCC);
        add(c, "LF Bcc header", "patient.email", "ada@example.org\nBcc: x@evil.test");
        add(c, "CRLF in local part", "patient.email", "ada\r\n@example.org");
        add(c, "trailing CRLF", "patient.email", "ada@example.org\r\n");
        add(c, "CRLF Bcc header", "carer.email", "mary@example.org" + CRLF_BCC);
        // control and invisible characters
        add(c, "NUL in local part", "patient.email", "ada\u0000@example.org");
        add(c, "trailing NUL", "patient.email", "ada@example.org\u0000");
        add(c, "DEL in domain", "patient.email", "ada@exam\u007Fple.org");
        add(c, "C1 NEL", "patient.email", "ada\u0085@example.org");
        add(c, "U+202E RLO", "patient.email", "ada\u202E@example.org");
        add(c, "zero-width space", "patient.email", "ad\u200Ba@example.org");
        add(c, "zero-width joiner", "patient.email", "ad\u200Da@example.org");
        add(c, "U+2028 line separator", "patient.email", "ada@example.org\u2028");
        add(c, "zero-width space alone", "patient.email", "\u200B");
        add(c, "U+202E RLO", "carer.email", "mary@\u202Eelpmaxe.org");
        // over-long
        add(c, "255 characters", "patient.email", "l".repeat(64) + "@" + "a".repeat(64) + "."
                + "b".repeat(63) + "." + "c".repeat(57) + ".org");
        add(c, "65-character local part", "patient.email", "l".repeat(65) + "@example.org");
        add(c, "10 KB", "patient.email", "a".repeat(10 * 1024) + "@example.org");
        add(c, "65-character local part", "carer.email", "m".repeat(65) + "@example.org");
        // Unicode look-alikes and non-ASCII
        add(c, "Cyrillic a in local part", "patient.email", "\u0430da@example.org");
        add(c, "Cyrillic a in domain", "patient.email", "ada@ex\u0430mple.org");
        add(c, "Cyrillic o in domain", "patient.email", "ada@g\u043E\u043Egle.com");
        add(c, "Cyrillic i in mike", "patient.email", "m\u0456ke@example.org");
        add(c, "full-width a", "patient.email", "\uFF41da@example.org");
        add(c, "full-width at-sign", "patient.email", "ada\uFF20example.org");
        add(c, "full-width digit", "patient.email", "ada\uFF11@example.org");
        add(c, "dotless i", "patient.email", "m\u0131ke@example.org");
        add(c, "Unicode domain not in xn-- form", "patient.email", "ada@b\u00FCcher.example");
        add(c, "Cyrillic a in local part", "carer.email", "m\u0430ry@example.org");
        // SQL fragments
        add(c, "SQL DROP TABLE", "patient.email", SQL_DROP);
        add(c, "SQL OR 1=1", "patient.email", SQL_OR);
        add(c, "SQL OR 1=1 in local part", "patient.email", "x' OR '1'='1@example.org");
        add(c, "SQL pg_sleep", "patient.email", SQL_SLEEP);
        add(c, "SQL after address", "patient.email", "ada@example.org'; DROP TABLE patients;--");
        add(c, "SQL pg_sleep", "carer.email", SQL_SLEEP);
        // syntax edge cases
        add(c, "no at-sign", "patient.email", "ada.example.org");
        add(c, "two at-signs together", "patient.email", "ada@@example.org");
        add(c, "two at-signs apart", "patient.email", "ada@x@example.org");
        add(c, "leading dot", "patient.email", ".ada@example.org");
        add(c, "trailing dot in local part", "patient.email", "ada.@example.org");
        add(c, "double dot in local part", "patient.email", "ada..lovelace@example.org");
        add(c, "display name", "patient.email", "Bob <bob@x.org>");
        add(c, "angle brackets", "patient.email", "<bob@x.org>");
        add(c, "quoted local part with space", "patient.email", "\"bob smith\"@example.org");
        add(c, "quoted local part", "patient.email", "\"bob\"@example.org");
        add(c, "IP-literal domain", "patient.email", "bob@[127.0.0.1]");
        add(c, "bare IP domain", "patient.email", "bob@127.0.0.1");
        add(c, "no TLD", "patient.email", "ada@localhost");
        add(c, "one-letter TLD", "patient.email", "ada@example.c");
        add(c, "trailing dot in domain", "patient.email", "ada@example.org.");
        add(c, "double dot in domain", "patient.email", "ada@example..org");
        add(c, "leading hyphen in domain", "patient.email", "ada@-example.org");
        add(c, "underscore in domain", "patient.email", "ada@exa_mple.org");
        add(c, "space in local part", "patient.email", "ada lovelace@example.org");
        add(c, "space in domain", "patient.email", "ada@exam ple.org");
        add(c, "comment", "patient.email", "ada@example.org (Ada)");
        add(c, "two addresses", "patient.email", "ada@example.org, eve@evil.test");
        add(c, "nothing before at-sign", "patient.email", "@example.org");
        add(c, "nothing after at-sign", "patient.email", "ada@");
        add(c, "display name", "carer.email", "Mary <mary@example.org>");
        add(c, "no at-sign", "carer.email", "mary.example.org");
        // empty, blank, null (the patient's email is required when there is no carer)
        add(c, "empty", "patient.email", "");
        add(c, "spaces", "patient.email", "   ");
        add(c, "tab", "patient.email", "\t");
        add(c, "null", "patient.email", null);
        add(c, "empty", "carer.email", "");
        add(c, "spaces", "carer.email", "   ");
        add(c, "null", "carer.email", null);
    }

    private static void phones(List<Arguments> c) {
        add(c, "too short", "patient.mobile", "0412 345");
        add(c, "too many digits", "patient.mobile", "0412 345 6789");
        add(c, "letters 1-800-FLOWERS", "patient.mobile", "1-800-FLOWERS");
        add(c, "premium rate +1 900", "patient.mobile", "+1 900 234 5678");
        add(c, "toll-free 1800", "patient.mobile", "1800 123 456");
        add(c, "local-rate 13", "patient.mobile", "13 00 00");
        add(c, "AU landline 02 9999 9999", "patient.mobile", "02 9999 9999");
        add(c, "double plus", "patient.mobile", "++61412345678");
        add(c, "plus in the middle", "patient.mobile", "0412+345678");
        add(c, "truncated +61 4", "patient.mobile", "+61 4");
        add(c, "plus before national number", "patient.mobile", "+0412345678");
        add(c, "33 characters", "patient.mobile", "0412 345 678 0412 345 678 0412 34");
        add(c, "full-width digits", "patient.mobile", "\uFF10\uFF14\uFF11\uFF12 \uFF13\uFF14\uFF15 \uFF16\uFF17\uFF18");
        add(c, "extension", "patient.mobile", "0412 345 678 ext 5");
        add(c, "tel URI", "patient.mobile", "tel:+61412345678");
        add(c, "CRLF Bcc header", "patient.mobile", "0412345678" + CRLF_BCC);
        add(c, "NUL", "patient.mobile", "0412\u0000345678");
        add(c, "U+202E RLO", "patient.mobile", "0412\u202E345678");
        add(c, "zero-width space", "patient.mobile", "0412\u200B345678");
        add(c, "zero-width space alone", "patient.mobile", "\u200B");
        add(c, "SQL pg_sleep", "patient.mobile", SQL_SLEEP);
        add(c, "SQL OR 1=1", "patient.mobile", "0412345678" + SQL_OR);
        add(c, "SQL DROP TABLE", "patient.mobile", SQL_DROP);
        add(c, "AU landline 02 9999 9999", "carer.mobile", "02 9999 9999");
        add(c, "letters 1-800-FLOWERS", "carer.mobile", "1-800-FLOWERS");
        add(c, "premium rate +1 900", "carer.mobile", "+1 900 234 5678");
        add(c, "CRLF Bcc header", "carer.mobile", "0413222333" + CRLF_BCC);
    }

    private static void identifiers(List<Arguments> c) {
        add(c, "space", "patient.id", "p 1");
        add(c, "slash", "patient.id", "p/1");
        add(c, "path traversal", "patient.id", "../../etc/passwd");
        add(c, "single quote", "patient.id", "p'1");
        add(c, "double quote", "patient.id", "p\"1");
        add(c, "backslash", "patient.id", "p\\1");
        add(c, "SQL pg_sleep", "patient.id", SQL_SLEEP);
        add(c, "SQL OR 1=1", "patient.id", SQL_OR);
        add(c, "script tag", "patient.id", "<script>");
        add(c, "CRLF", "patient.id", "p-1\r\nX-Injected: 1");
        add(c, "NUL", "patient.id", "p\u00001");
        add(c, "U+202E RLO", "patient.id", "p\u202E1");
        add(c, "zero-width space", "patient.id", "p\u200B1");
        add(c, "U+2028 line separator", "patient.id", "p\u20281");
        add(c, "Cyrillic a", "patient.id", "p\u0430tient");
        add(c, "full-width digit", "patient.id", "p\uFF11");
        add(c, "129 characters", "patient.id", "p".repeat(129));
        add(c, "empty", "patient.id", "");
        add(c, "spaces", "patient.id", "   ");
        add(c, "null", "patient.id", null);
        add(c, "space", "practiceId", "practice 1");
        add(c, "slash", "practiceId", "practice/1");
        add(c, "SQL OR 1=1", "practiceId", SQL_OR);
        add(c, "NUL", "practiceId", "practice-1\u0000");
        add(c, "empty", "practiceId", "");
        add(c, "null", "practiceId", null);
        add(c, "space", "staffId", "staff 7");
        add(c, "single quote", "staffId", "staff'7");
        add(c, "SQL pg_sleep", "staffId", SQL_SLEEP);
        add(c, "CRLF", "staffId", "staff-7\r\nX-Injected: 1");
        add(c, "spaces", "staffId", "   ");
        add(c, "null", "staffId", null);
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
    void inviteWhenOneFieldHostileThenRejectedNamingItAndNothingStored(String field, @Nullable Object value,
            String expectedField) {
        InviteRequest request = requestBreaking(field, value);
        List<AuditEvent> auditBefore = storage.audit().all();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolationFor(expectedField))
                            .as("violation for %s in %s", expectedField, e.violations()).isTrue();
                    assertThat(e.violations()).extracting(FieldViolation::field).containsOnly(expectedField);
                    assertNoRawControlCharacters(e.getMessage());
                    for (FieldViolation v : e.violations()) {
                        assertNoRawControlCharacters(v.field());
                        assertNoRawControlCharacters(v.rule());
                        assertNoRawControlCharacters(v.message());
                    }
                    if (value instanceof String s && s.strip().length() >= 4) {
                        assertThat(e.getMessage()).as("message echoes the hostile value").doesNotContain(s);
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
        assertThat(storage.invitations().findByPatient(PRACTICE, PatientId.of(PATIENT))).hasSize(2);
        assertThat(storage.outbox().all()).isNotEmpty();
        assertThat(storage.audit().all()).filteredOn(a -> a.action() == AuditAction.INVITATION_CREATED).hasSize(2);
    }

    @Test
    void inviteWhenBornTodayInPracticeTimeZoneThenAccepted() {
        // 20:00 UTC on 1 March is 07:00 on 2 March in Sydney: a baby born that morning is not "in the future"
        fixture.clock.set(Instant.parse("2026-03-01T20:00:00Z"));

        InviteResult result = fixture.portal.invitations()
                .invite(fixture.newPatient(PATIENT).dateOfBirth(LocalDate.of(2026, 3, 2)).build());

        assertThat(result.outcome()).isEqualTo(InviteOutcome.INVITED);
    }

    @Test
    void inviteWhenBornOnEarliestAcceptedDateThenAccepted() {
        InviteResult result = fixture.portal.invitations()
                .invite(fixture.newPatient(PATIENT).dateOfBirth(LocalDate.of(1880, 1, 1)).build());

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
        List<AuditEvent> auditBefore = storage.audit().all();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                            "patient.id", "patient.givenName", "patient.familyName", "patient.dateOfBirth",
                            "patient.email", "patient.mobile", "carer.givenName", "carer.familyName",
                            "carer.email", "carer.mobile", "carer.relationship");
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
        List<AuditEvent> auditBefore = storage.audit().all();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactlyInAnyOrder("patient.givenName",
                                "patient.familyName", "patient.dateOfBirth", "patient.email", "patient.mobile"));
        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenPracticeIdAndStaffIdBothBadThenBothReportedTogether() {
        InviteRequest request = InviteRequest.newPatient("practice/1", "staff'7")
                .patientId(PATIENT).name("Ada", "Lovelace").dateOfBirth(DOB)
                .email("ada@example.org").build();
        List<AuditEvent> auditBefore = storage.audit().all();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactlyInAnyOrder("practiceId", "staffId"));
        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenStaffIdAndPatientFieldsBadThenEveryViolationReportedTogether() {
        // InviteRequest and InvitationService#invite promise "every bad field at once"; the staff id
        // is not needed to read the practice's settings, so nothing justifies stopping at it
        InviteRequest request = InviteRequest.newPatient(PRACTICE.value(), "staff 7")
                .patientId(PATIENT).name("Ada2", "Lovelace").dateOfBirth(DOB)
                .email("Bob <bob@x.org>").build();
        List<AuditEvent> auditBefore = storage.audit().all();
        List<PortalEvent> eventsBefore = List.copyOf(fixture.events);

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("staffId", "patient.givenName", "patient.email"));
        assertNothingStored(auditBefore, eventsBefore);
    }

    @Test
    void inviteWhenOnlyRequiredFieldsMissingThenEachNamedAsRequired() {
        InviteRequest request = InviteRequest.newPatient(PRACTICE.value(), STAFF.value()).build();

        assertThatThrownBy(() -> fixture.portal.invitations().invite(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                            "patient.id", "patient.givenName", "patient.familyName", "patient.dateOfBirth",
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
                ? InviteRequest.newPatient(practiceId, staffId).patientId(PATIENT).name("Ada", "Lovelace")
                        .dateOfBirth(DOB).email("ada." + PATIENT + "@example.org").mobile("0412 345 678")
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
            b.carer(field.equals("carer.givenName") ? s : "Mary",
                    field.equals("carer.familyName") ? s : "Somerville",
                    field.equals("carer.email") ? s : "mary.somerville@example.org",
                    field.equals("carer.mobile") ? s : "0413 222 333",
                    field.equals("carer.relationship") ? (Relationship) value : Relationship.PARENT);
        }
        return b.build();
    }

    private void assertNothingStored(List<AuditEvent> auditBefore, List<PortalEvent> eventsBefore) {
        assertThat(storage.invitations().findByPatient(PRACTICE, PatientId.of(PATIENT))).isEmpty();
        assertThat(storage.outbox().all()).isEmpty();
        assertThat(storage.audit().all())
                .containsExactlyElementsOf(auditBefore)
                .noneMatch(a -> a.action() == AuditAction.INVITATION_CREATED);
        assertThat(fixture.events).containsExactlyElementsOf(eventsBefore)
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
