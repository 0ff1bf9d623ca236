package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.account.AccessService;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalPrincipal;
import io.portalinvite.account.PortalPrincipal.ConsentRequirement;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditQuery;
import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.ContactWarning;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.ConsentDocument;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SharedEmailPolicy;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.Race;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portal's lifecycle after the first invitation — proxies across patients and practices, age
 * rules, shared contact details, privacy-notice consent and the audit query — against a storage
 * implementation. Every storage module runs it.
 *
 * <p>The practice's time zone is Australia/Sydney (UTC+11 in March), so "midnight on the birthday"
 * is 13:00 UTC the day before.
 */
public abstract class AccessLifecycleContract {

    private static final PracticeId HARBOUR = PracticeId.of("practice-2");
    private static final String PARENT_EMAIL = "linh.nguyen@example.org";

    /** The fixture of the current test. */
    protected PortalFixture f;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void setUpPortal() {
        f = new PortalFixture(newStorage(), b -> b.auditRetention(Duration.ofDays(30)));
    }

    // --- proxy grants across patients and practices ----------------------------------------------

    @Test
    void parentWithThreeChildrenWhenAcceptingThreeInvitationsThenOneAccountHoldsThreeProxyGrants() {
        f.enablePortal();
        LocalDate[] dobs = {LocalDate.of(2015, 4, 1), LocalDate.of(2017, 8, 9), LocalDate.of(2020, 1, 30)};
        List<RegistrationResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = f.inviteAndDeliver(child("child-" + i, dobs[i]).build());
            results.add(accept(token, dobs[i]));
        }

        assertThat(results).extracting(RegistrationResult::newAccount).containsExactly(true, false, false);
        assertThat(results)
                .extracting(RegistrationResult::accountId)
                .containsOnly(results.get(0).accountId());
        PortalPrincipal parent = loginOk(PARENT_EMAIL);
        assertThat(parent.access())
                .extracting(a -> a.patientId().value())
                .containsExactlyInAnyOrder("child-0", "child-1", "child-2");
        assertThat(parent.access()).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AccessKind.PROXY);
            assertThat(a.relationship()).isEqualTo(Relationship.PARENT);
            assertThat(a.grantedBy()).isEqualTo(PortalFixture.STAFF);
            assertThat(a.startsOn()).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(a.endsOn()).isNull();
            assertThat(a.scope()).isEqualTo(AccessScope.FULL);
        });
        assertThat(f.portal.access().forAccount(results.get(0).accountId())).hasSize(3);
    }

    @Test
    void carerSignedInWhenAcceptingNewProxyInvitationThenNoSecondAccountAndNoPasswordAsked() {
        f.enablePortal();
        RegistrationResult first = accept(
                f.inviteAndDeliver(child("child-0", LocalDate.of(2015, 4, 1)).build()), LocalDate.of(2015, 4, 1));
        String second =
                f.inviteAndDeliver(child("child-1", LocalDate.of(2018, 6, 6)).build());

        RegistrationResult joined =
                f.portal.registration().acceptSignedIn(second, first.accountId(), LocalDate.of(2018, 6, 6), null);

        assertThat(joined.newAccount()).isFalse();
        assertThat(joined.accountId()).isEqualTo(first.accountId());
        assertThat(loginOk(PARENT_EMAIL).access()).hasSize(2);
        assertThatThrownBy(() -> f.portal
                        .registration()
                        .acceptSignedIn(second, first.accountId(), LocalDate.of(2018, 6, 6), null))
                .isInstanceOf(InvalidLinkException.class);
    }

    @Test
    void acceptSignedInWhenAccountEmailDiffersFromInvitationThenRefusedAndLinkStillUsable() {
        f.enablePortal();
        RegistrationResult other =
                register(f.inviteAndDeliver(f.newPatient("p1").build()), PortalFixture.DOB);
        String token =
                f.inviteAndDeliver(child("child-0", LocalDate.of(2015, 4, 1)).build());

        assertThatThrownBy(() -> f.portal
                        .registration()
                        .acceptSignedIn(token, other.accountId(), LocalDate.of(2015, 4, 1), null))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).rule()).isEqualTo("account.email_mismatch"));
        assertThat(accept(token, LocalDate.of(2015, 4, 1)).newAccount()).isTrue();
    }

    @Test
    void patientAtTwoPracticesWhenRevokedAtOneThenStillActiveAtTheOther() {
        f.enablePortal();
        enableHarbour(b -> b);
        RegistrationResult sunrise =
                register(f.inviteAndDeliver(f.newPatient("p1").build()), PortalFixture.DOB);
        RegistrationResult harbour = accept(f.inviteAndDeliver(atHarbour("h-77").build()), PortalFixture.DOB);
        assertThat(harbour.accountId()).isEqualTo(sunrise.accountId());
        assertThat(loginOk("ada.p1@example.org").access())
                .extracting(PatientAccess::practiceId)
                .containsExactlyInAnyOrder(PortalFixture.PRACTICE, HARBOUR);

        f.portal.invitations().removeAccess(PortalFixture.PRACTICE, PatientId.of("p1"), PortalFixture.STAFF);

        PortalPrincipal after = loginOk("ada.p1@example.org");
        assertThat(after.access()).singleElement().satisfies(a -> {
            assertThat(a.practiceId()).isEqualTo(HARBOUR);
            assertThat(a.patientId()).isEqualTo(PatientId.of("h-77"));
        });
        PatientAccess revoked = f.portal
                .access()
                .forPatient(PortalFixture.PRACTICE, PatientId.of("p1"))
                .get(0);
        assertThat(revoked.endReason()).isEqualTo(AccessEndReason.REVOKED_BY_STAFF);
        assertThat(revoked.revokedBy()).isEqualTo("staff:" + PortalFixture.STAFF);
        assertThat(f.events)
                .filteredOn(PortalEvent.AccessEnded.class::isInstance)
                .hasSize(1);
    }

    @Test
    void revokeOneGrantWhenAccountHoldsSeveralThenOnlyThatGrantEndsAndRepeatChangesNothing() {
        f.enablePortal();
        String a = f.inviteAndDeliver(child("child-0", LocalDate.of(2015, 4, 1)).build());
        accept(a, LocalDate.of(2015, 4, 1));
        accept(f.inviteAndDeliver(child("child-1", LocalDate.of(2018, 6, 6)).build()), LocalDate.of(2018, 6, 6));
        PatientAccess grant = f.portal
                .access()
                .forPatient(PortalFixture.PRACTICE, PatientId.of("child-0"))
                .get(0);

        PatientAccess revoked = f.portal.access().revoke(PortalFixture.PRACTICE, grant.id(), PortalFixture.STAFF);
        PatientAccess again = f.portal.access().revoke(PortalFixture.PRACTICE, grant.id(), PortalFixture.STAFF);

        assertThat(revoked.revokedAt()).isNotNull();
        assertThat(again).isEqualTo(revoked);
        assertThat(loginOk(PARENT_EMAIL).access())
                .extracting(x -> x.patientId().value())
                .containsExactly("child-1");
        assertThat(trail("child-0"))
                .filteredOn(e -> e.action() == AuditAction.ACCESS_REVOKED)
                .hasSize(1);
        assertThatThrownBy(() -> f.portal.access().revoke(HARBOUR, grant.id(), PortalFixture.STAFF))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void changeEndDateWhenDateComesThenAccessStopsAndSweepRecordsEndOnce() {
        f.enablePortal();
        RegistrationResult r =
                accept(f.inviteAndDeliver(carerOf("p1", Relationship.CARER).build()), PortalFixture.DOB);
        PatientAccess changed = f.portal
                .access()
                .changeEndDate(PortalFixture.PRACTICE, r.access().id(), LocalDate.of(2026, 3, 10), PortalFixture.STAFF);
        assertThat(changed.endsOn()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThatThrownBy(() -> f.portal
                        .access()
                        .changeEndDate(
                                PortalFixture.PRACTICE, r.access().id(), LocalDate.of(2026, 3, 2), PortalFixture.STAFF))
                .isInstanceOf(ValidationException.class);

        f.clock.set(Instant.parse("2026-03-09T12:59:59Z"));
        assertThat(loginOk(PARENT_EMAIL).access()).hasSize(1);
        assertThat(f.portal.access().applyAgeRulesAndEndDates().ended()).isZero();
        f.clock.set(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(loginOk(PARENT_EMAIL).access()).isEmpty();

        assertThat(f.portal.access().applyAgeRulesAndEndDates().ended()).isEqualTo(1);
        assertThat(f.portal.access().applyAgeRulesAndEndDates().ended()).isZero();
        assertThat(f.portal.access().forAccount(r.accountId()).get(0).endReason())
                .isEqualTo(AccessEndReason.END_DATE_REACHED);
        assertThat(trail("p1"))
                .extracting(AuditEvent::action)
                .contains(AuditAction.ACCESS_GRANTED, AuditAction.ACCESS_CHANGED, AuditAction.ACCESS_ENDED);
    }

    // --- age rules ---------------------------------------------------------------------------------

    @Test
    void auMyHealthRecordPresetWhenClockCrossesFourteenthBirthdayThenParentalAccessEndsAndIsAudited() {
        f.enablePortal(b -> b.agePolicy(AgePolicy.AU_MY_HEALTH_RECORD));
        LocalDate dob = LocalDate.of(2012, 3, 12);
        RegistrationResult parent = accept(f.inviteAndDeliver(child("teen", dob).build()), dob);
        assertThat(parent.access().endsOn()).isEqualTo(LocalDate.of(2026, 3, 12));

        f.clock.set(Instant.parse("2026-03-11T12:59:59Z")); // 23:59:59 on the 11th in Sydney
        assertThat(loginOk(PARENT_EMAIL).access()).hasSize(1);
        assertThat(f.portal.access().applyAgeRulesAndEndDates().ended()).isZero();

        f.clock.set(Instant.parse("2026-03-11T13:00:00Z")); // midnight, the 14th birthday
        assertThat(loginOk(PARENT_EMAIL).access()).isEmpty();
        AccessService.AccessReview sweep = f.portal.access().applyAgeRulesAndEndDates();

        assertThat(sweep.ended()).isEqualTo(1);
        assertThat(f.portal
                        .access()
                        .forPatient(PortalFixture.PRACTICE, PatientId.of("teen"))
                        .get(0)
                        .endReason())
                .isEqualTo(AccessEndReason.AGE_RULE);
        assertThat(trail("teen"))
                .filteredOn(e -> e.action() == AuditAction.ACCESS_ENDED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("system");
                    assertThat(e.details()).containsEntry("reason", "AGE_RULE");
                });
        assertThat(f.events)
                .filteredOn(PortalEvent.AccessEnded.class::isInstance)
                .singleElement()
                .extracting(e -> ((PortalEvent.AccessEnded) e).reason())
                .isEqualTo(AccessEndReason.AGE_RULE);
        assertThat(f.portal.access().applyAgeRulesAndEndDates().ended()).isZero();
    }

    @Test
    void maintenanceSweepWhenBirthdayPassedThenRecordsTheEndAndPurgesOldAuditHourlyPerNode() {
        f.enablePortal(b -> b.agePolicy(AgePolicy.AU_MY_HEALTH_RECORD));
        LocalDate dob = LocalDate.of(2012, 3, 12);
        accept(f.inviteAndDeliver(child("teen", dob).build()), dob);
        assertThat(f.portal.maintenance().sweep().accessEnded()).isZero();

        f.clock.set(Instant.parse("2026-03-11T13:30:00Z"));
        io.portalinvite.maintenance.MaintenanceService.MaintenanceReport swept =
                f.portal.maintenance().sweep();

        assertThat(swept.accessEnded()).isEqualTo(1);
        assertThat(swept.auditPurged()).isZero(); // nothing is older than the 30-day retention yet
        f.clock.set(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(f.portal.maintenance().sweep().auditPurged()).isPositive();
        assertThat(f.portal.maintenance().sweep().auditPurged())
                .as("not again within the hour")
                .isZero();
    }

    @Test
    void ownAccountWhenPatientUnderMinimumAgeThenRefusedUntilBirthdayAndNothingStored() {
        f.enablePortal(b -> b.agePolicy(AgePolicy.AU_MY_HEALTH_RECORD));
        InviteRequest teen =
                f.newPatient("teen").dateOfBirth(LocalDate.of(2012, 3, 12)).build();

        assertThatThrownBy(() -> f.portal.invitations().invite(teen))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("patient.dateOfBirth");
                    assertThat(e.violations().get(0).rule()).isEqualTo("age.own_account");
                });
        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("teen")))
                .isEmpty();

        f.clock.set(Instant.parse("2026-03-11T13:00:00Z"));
        assertThat(f.portal.invitations().invite(teen).outcome()).isEqualTo(InviteOutcome.INVITED);
    }

    @Test
    void parentalInvitationWhenPatientPastEndAgeThenRefusedButCarerAllowed() {
        f.enablePortal(b -> b.agePolicy(AgePolicy.AU_MY_HEALTH_RECORD));
        LocalDate dob = LocalDate.of(2010, 1, 1);

        assertThatThrownBy(
                        () -> f.portal.invitations().invite(child("older", dob).build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).rule()).isEqualTo("age.parental_access_ended"));
        InviteResult carer = f.portal
                .invitations()
                .invite(f.newPatient("older")
                        .dateOfBirth(dob)
                        .carer("Linh", "Nguyen", PARENT_EMAIL, null, Relationship.CARER)
                        .build());
        assertThat(carer.outcome()).isEqualTo(InviteOutcome.INVITED);
    }

    @Test
    void usThirteenPresetWhenThirteenthBirthdayPassesThenParentalAccessLimitedAndEndsAtEighteen() {
        f.enablePortal(b -> b.agePolicy(AgePolicy.US_13));
        LocalDate dob = LocalDate.of(2013, 3, 12);
        RegistrationResult parent = accept(f.inviteAndDeliver(child("kid", dob).build()), dob);
        assertThat(parent.access().scope()).isEqualTo(AccessScope.FULL);
        assertThat(parent.access().endsOn()).isEqualTo(LocalDate.of(2031, 3, 12));

        f.clock.set(Instant.parse("2026-03-11T13:00:00Z"));
        AccessService.AccessReview sweep = f.portal.access().applyAgeRulesAndEndDates();

        assertThat(sweep.reduced()).isEqualTo(1);
        assertThat(loginOk(PARENT_EMAIL).access())
                .singleElement()
                .extracting(PatientAccess::scope)
                .isEqualTo(AccessScope.LIMITED);
        assertThat(trail("kid")).extracting(AuditEvent::action).contains(AuditAction.ACCESS_REDUCED);
        assertThat(f.events)
                .filteredOn(PortalEvent.AccessReduced.class::isInstance)
                .hasSize(1);
        assertThat(f.portal.access().applyAgeRulesAndEndDates().reduced()).isZero();

        f.clock.set(Instant.parse("2031-03-11T13:00:00Z"));
        assertThat(f.portal.access().applyAgeRulesAndEndDates().ended()).isEqualTo(1);
    }

    @Test
    void agePolicyWhenAdoptedAfterGrantThenSweepEndsAccessOfTeenagerAlreadyPastTheAge() {
        f.enablePortal();
        LocalDate dob = LocalDate.of(2011, 1, 1);
        accept(f.inviteAndDeliver(child("teen", dob).build()), dob);
        f.enablePortal(b -> b.agePolicy(AgePolicy.AU_MY_HEALTH_RECORD));

        assertThat(f.portal.access().applyAgeRulesAndEndDates().ended()).isEqualTo(1);
        assertThat(loginOk(PARENT_EMAIL).access()).isEmpty();
    }

    @Test
    void sweepWhenRunByManyNodesAtOnceThenEachEndIsRecordedOnce() throws Exception {
        f.enablePortal(b -> b.agePolicy(AgePolicy.AU_MY_HEALTH_RECORD));
        LocalDate dob = LocalDate.of(2012, 3, 12);
        for (int i = 0; i < 5; i++) {
            accept(
                    f.inviteAndDeliver(child("teen-" + i, dob)
                            .carer("Linh", "Nguyen", "parent" + i + "@example.org", null, Relationship.PARENT)
                            .build()),
                    dob);
        }
        f.clock.set(Instant.parse("2026-03-12T01:00:00Z"));
        try (Race race = new Race(8)) {
            List<Race.Outcome<AccessService.AccessReview>> outcomes =
                    race.run(i -> () -> f.portal.access().applyAgeRulesAndEndDates());
            assertThat(outcomes).allSatisfy(o -> assertThat(o.returned()).isTrue());
            assertThat(outcomes.stream().mapToInt(o -> o.value().ended()).sum()).isEqualTo(5);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(trail("teen-" + i))
                    .filteredOn(e -> e.action() == AuditAction.ACCESS_ENDED)
                    .hasSize(1);
        }
    }

    // --- shared contact details --------------------------------------------------------------------

    @Test
    void sharedEmailWhenAllowedThenStaffWarnedAndOneLoginCoversBothPatients() {
        f.enablePortal();
        register(
                f.inviteAndDeliver(
                        f.newPatient("mum").email("family@example.org").build()),
                PortalFixture.DOB);

        InviteResult sibling = f.portal
                .invitations()
                .invite(f.existingPatient("son").email("family@example.org").build());

        assertThat(sibling.outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(sibling.warnings())
                .filteredOn(w -> w.kind() == ContactWarning.Kind.SHARED_EMAIL)
                .singleElement()
                .satisfies(w -> {
                    assertThat(w.field()).isEqualTo("patient.email");
                    assertThat(w.otherPatients()).containsExactly(PatientId.of("mum"));
                });
        f.portal.dispatcher().drain();
        accept(f.email.lastToken(), LocalDate.of(1956, 12, 9));
        assertThat(loginOk("family@example.org").access())
                .extracting(a -> a.patientId().value())
                .containsExactlyInAnyOrder("mum", "son");
    }

    @Test
    void sharedEmailWhenSeparateLoginsRequiredThenSecondPatientRefusedAndNothingStored() {
        f.enablePortal(b -> b.sharedEmail(SharedEmailPolicy.SEPARATE_LOGIN_PER_PATIENT));
        register(
                f.inviteAndDeliver(
                        f.newPatient("mum").email("family@example.org").build()),
                PortalFixture.DOB);

        assertThatThrownBy(() -> f.portal
                        .invitations()
                        .invite(f.existingPatient("son")
                                .email("family@example.org")
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("patient.email");
                    assertThat(e.violations().get(0).rule()).isEqualTo("email.shared");
                });
        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("son")))
                .isEmpty();
        // a parent's own login acting for a child is not "sharing"
        InviteResult proxy = f.portal
                .invitations()
                .invite(f.existingPatient("son")
                        .carer("Mum", "Family", "family@example.org", null, Relationship.PARENT)
                        .build());
        assertThat(proxy.outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(proxy.warnings()).isEmpty();
    }

    @Test
    void sharedMobileWhenAnotherPatientOfThisPracticeUsesItThenWarnedNamingOnlyThisPracticesPatients() {
        f.enablePortal();
        enableHarbour(b -> b);
        f.portal.invitations().invite(atHarbour("h-1").mobile("0499 111 222").build());
        f.portal.invitations().invite(f.newPatient("p1").mobile("0499 111 222").build());

        InviteResult second = f.portal
                .invitations()
                .invite(f.newPatient("p2").mobile("+61 499 111 222").build());

        assertThat(second.warnings())
                .filteredOn(w -> w.kind() == ContactWarning.Kind.SHARED_MOBILE)
                .singleElement()
                .satisfies(w -> {
                    assertThat(w.field()).isEqualTo("patient.mobile");
                    assertThat(w.otherPatients()).containsExactly(PatientId.of("p1"));
                });
        InviteResult alone = f.portal
                .invitations()
                .invite(f.newPatient("p3").mobile("0400 000 003").build());
        assertThat(alone.warnings()).isEmpty();
    }

    // --- consent ---------------------------------------------------------------------------------

    @Test
    void registrationWhenPrivacyNoticeNotAcceptedThenRefusedAndLinkStillUsable() {
        f.enablePortal(b -> b.consent(notice("2026-03", false)));
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        InvitationPreview preview = f.portal.registration().preview(token);
        assertThat(preview.consentVersion()).isEqualTo("2026-03");
        assertThat(preview.consent().privacyNotice()).contains("We keep your details");

        for (String wrong : new String[] {null, "2025-01"}) {
            assertThatThrownBy(() -> f.portal
                            .registration()
                            .complete(new CompleteRegistration(
                                    token,
                                    PortalFixture.GOOD_PASSWORD,
                                    PortalFixture.GOOD_PASSWORD,
                                    PortalFixture.DOB,
                                    wrong)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.violations().get(0).field()).isEqualTo("consent");
                        assertThat(e.violations().get(0).rule()).isEqualTo("consent.required");
                    });
        }
        RegistrationResult ok = f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB, "2026-03"));

        assertThat(ok.access().consentVersion()).isEqualTo("2026-03");
        assertThat(ok.access().consentAcceptedAt()).isEqualTo(f.clock.instant());
        assertThat(trail("p1"))
                .filteredOn(e -> e.action() == AuditAction.CONSENT_ACCEPTED)
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("version", "2026-03"));
    }

    @Test
    void newPrivacyNoticeWhenReacceptanceRequiredThenLoginWithholdsPracticeUntilAccepted() {
        f.enablePortal(b -> b.consent(notice("v1", false)));
        enableHarbour(b -> b);
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        RegistrationResult r = f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB, "v1"));
        accept(f.inviteAndDeliver(atHarbour("h-1").email("ada.p1@example.org").build()), PortalFixture.DOB);

        f.enablePortal(b -> b.consent(notice("v2", false)));
        assertThat(loginOk("ada.p1@example.org").access()).hasSize(2);

        f.enablePortal(b -> b.consent(notice("v3", true)));
        PortalPrincipal withheld = loginOk("ada.p1@example.org");
        assertThat(withheld.access()).extracting(PatientAccess::practiceId).containsExactly(HARBOUR);
        assertThat(withheld.consentRequired()).containsExactly(new ConsentRequirement(PortalFixture.PRACTICE, "v3"));
        assertThatThrownBy(() -> f.portal.access().acceptConsent(r.accountId(), PortalFixture.PRACTICE, "v2"))
                .isInstanceOf(ValidationException.class);

        f.portal.access().acceptConsent(r.accountId(), PortalFixture.PRACTICE, "v3");

        PortalPrincipal after = loginOk("ada.p1@example.org");
        assertThat(after.access()).hasSize(2);
        assertThat(after.consentRequired()).isEmpty();
        assertThat(f.portal
                        .audit()
                        .query(AuditQuery.practice(PortalFixture.PRACTICE)
                                .actions(AuditAction.CONSENT_ACCEPTED)
                                .build())
                        .events())
                .extracting(e -> e.details().get("version"))
                .containsExactly("v1", "v3");
    }

    // --- the audit trail -------------------------------------------------------------------------

    @Test
    void auditQueryWhenEveryKindOfChangeHappenedThenEachIsVisiblePerPatientPracticeAndAccount() {
        f.enablePortal(b -> b.agePolicy(AgePolicy.AU_MY_HEALTH_RECORD));
        // invited, sent, failed delivery, resent, opened, accepted, access granted
        f.sms.failNext(1, true);
        InviteResult invited = f.portal
                .invitations()
                .invite(child("teen", LocalDate.of(2012, 3, 12)).build());
        f.portal.dispatcher().drain();
        f.portal
                .invitations()
                .resend(PortalFixture.PRACTICE, invited.invitation().id(), PortalFixture.STAFF);
        f.portal.dispatcher().drain();
        String token = f.email.lastToken();
        f.portal.registration().preview(token);
        RegistrationResult r = accept(token, LocalDate.of(2012, 3, 12));
        // revoked invitation, logins (success, failure), age rule end
        InviteResult other = f.portal.invitations().invite(f.newPatient("p9").build());
        f.portal.invitations().revoke(PortalFixture.PRACTICE, other.invitation().id(), PortalFixture.STAFF);
        loginOk(PARENT_EMAIL);
        assertThat(f.portal
                        .login()
                        .login(PARENT_EMAIL, "wrong password entirely")
                        .succeeded())
                .isFalse();
        // password reset: requested and completed
        f.portal.passwordReset().request(PortalFixture.PRACTICE, PARENT_EMAIL);
        f.portal.dispatcher().drain();
        String newPassword = "amber lantern sways above slow rivers";
        f.portal
                .passwordReset()
                .complete(new io.portalinvite.reset.PasswordResetService.CompletePasswordReset(
                        io.portalinvite.testing.CapturingEmailSender.tokenIn(f.email.last()),
                        newPassword,
                        newPassword));
        f.clock.set(Instant.parse("2026-03-12T01:00:00Z"));
        f.portal.access().applyAgeRulesAndEndDates();

        Set<AuditAction> teen =
                actions(AuditQuery.practice(PortalFixture.PRACTICE).patient(PatientId.of("teen")));
        assertThat(teen)
                .contains(
                        AuditAction.INVITATION_CREATED,
                        AuditAction.DELIVERY_SENT,
                        AuditAction.DELIVERY_FAILED,
                        AuditAction.INVITATION_RESENT,
                        AuditAction.INVITATION_VIEWED,
                        AuditAction.INVITATION_ACCEPTED,
                        AuditAction.ACCESS_GRANTED,
                        AuditAction.PASSWORD_SET,
                        AuditAction.ACCESS_ENDED);
        assertThat(actions(AuditQuery.practice(PortalFixture.PRACTICE)))
                .contains(AuditAction.INVITATION_REVOKED, AuditAction.PORTAL_ENABLED);
        assertThat(actions(AuditQuery.account(r.accountId())))
                .contains(
                        AuditAction.LOGIN_SUCCESS,
                        AuditAction.LOGIN_FAILURE,
                        AuditAction.ACCESS_GRANTED,
                        AuditAction.ACCESS_ENDED,
                        AuditAction.PASSWORD_RESET_REQUESTED,
                        AuditAction.PASSWORD_RESET);
        assertThat(actions(AuditQuery.practice(PortalFixture.PRACTICE).patient(PatientId.of("p9"))))
                .doesNotContain(AuditAction.ACCESS_GRANTED);
    }

    @Test
    void auditQueryWhenPagedThenEveryEntryOnceInOrderAndFiltersApply() {
        f.enablePortal();
        for (int i = 0; i < 7; i++) {
            f.portal.invitations().invite(f.newPatient("p" + i).build());
            f.clock.advance(Duration.ofSeconds(i % 2)); // some entries share an instant
        }
        List<AuditEvent> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditPage page = f.portal
                    .audit()
                    .query(AuditQuery.practice(PortalFixture.PRACTICE)
                            .actions(AuditAction.INVITATION_CREATED)
                            .pageSize(3)
                            .after(cursor)
                            .build());
            all.addAll(page.events());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(all)
                .extracting(e -> e.patientId().value())
                .containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
        assertThat(all).extracting(AuditEvent::id).doesNotHaveDuplicates();
        Instant from = all.get(2).occurredAt();
        assertThat(f.portal
                        .audit()
                        .query(AuditQuery.practice(PortalFixture.PRACTICE)
                                .actions(AuditAction.INVITATION_CREATED)
                                .from(from)
                                .to(from.plusSeconds(1))
                                .build())
                        .events())
                .allSatisfy(e -> assertThat(e.occurredAt()).isEqualTo(from));
        assertThat(f.portal.audit().query(AuditQuery.practice(HARBOUR).build()).events())
                .isEmpty();
        assertThatThrownBy(() -> AuditQuery.practice(PortalFixture.PRACTICE).after("not-a-cursor"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AuditQuery.practice(PortalFixture.PRACTICE)
                        .pageSize(501)
                        .build())
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void auditRetentionWhenPurgedThenOnlyOlderEntriesGoAndThePurgeIsRecorded() {
        f.enablePortal();
        f.portal.invitations().invite(f.newPatient("old").build());
        f.clock.advance(Duration.ofDays(31));
        f.portal.invitations().invite(f.newPatient("new").build());

        int deleted = f.portal.audit().purgeExpired();

        assertThat(deleted).isGreaterThanOrEqualTo(2); // settings change and invitation of "old"
        assertThat(trail("old")).isEmpty();
        assertThat(trail("new")).isNotEmpty();
        assertThat(f.portal
                        .audit()
                        .query(AuditQuery.account(io.portalinvite.common.AccountId.random())
                                .build())
                        .events())
                .isEmpty();
        assertThat(f.portal.audit().purgeExpired()).isZero();
    }

    @Test
    void auditEntriesWhenWholeLifecycleRunThenNoPasswordTokenOrMessageBodyInAnyEntry() {
        f.enablePortal(b -> b.consent(notice("v1", false)));
        String token = f.inviteAndDeliver(child("kid", LocalDate.of(2016, 1, 1)).build());
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token,
                        PortalFixture.GOOD_PASSWORD,
                        PortalFixture.GOOD_PASSWORD,
                        LocalDate.of(2016, 1, 1),
                        "v1"));
        f.portal.login().login(PARENT_EMAIL, "another wrong password here");
        String body = f.email.last().textBody();

        List<AuditEvent> entries = new ArrayList<>(f.portal
                .audit()
                .query(AuditQuery.practice(PortalFixture.PRACTICE).pageSize(500).build())
                .events());
        entries.addAll(f.portal
                .audit()
                .query(AuditQuery.account(loginOk(PARENT_EMAIL).accountId())
                        .pageSize(500)
                        .build())
                .events());
        assertThat(entries).isNotEmpty().allSatisfy(e -> {
            String text = e.toString();
            assertThat(text)
                    .doesNotContain(token)
                    .doesNotContain(PortalFixture.GOOD_PASSWORD)
                    .doesNotContain("another wrong password")
                    .doesNotContain("We keep your details")
                    .doesNotContain(body.substring(0, Math.min(40, body.length())));
        });
    }

    // --- helpers -----------------------------------------------------------------------------------

    private InviteRequest.Builder child(String patientId, LocalDate dob) {
        return f.newPatient(patientId)
                .name("Mia", "Nguyen")
                .dateOfBirth(dob)
                .carer("Linh", "Nguyen", PARENT_EMAIL, "0413 222 333", Relationship.PARENT);
    }

    private InviteRequest.Builder carerOf(String patientId, Relationship relationship) {
        return f.newPatient(patientId).carer("Linh", "Nguyen", PARENT_EMAIL, null, relationship);
    }

    private InviteRequest.Builder atHarbour(String patientId) {
        return InviteRequest.newPatient(HARBOUR.value(), PortalFixture.STAFF.value())
                .patientId(patientId)
                .name("Ada", "Lovelace")
                .dateOfBirth(PortalFixture.DOB)
                .email("ada.p1@example.org")
                .mobile("0412 345 678");
    }

    private void enableHarbour(java.util.function.UnaryOperator<PortalSettings.Builder> changes) {
        f.portal
                .settings()
                .save(
                        changes.apply(PortalSettings.builder(HARBOUR)
                                        .enabled(true)
                                        .practiceName("Harbour Medical")
                                        .invitationLinkBase("https://portal.harbour.example/invitation"))
                                .build(),
                        PortalFixture.STAFF);
    }

    private static ConsentDocument notice(String version, boolean reaccept) {
        return new ConsentDocument(
                version,
                "We keep your details private (" + version + ").",
                "Use it kindly.",
                PortalFixture.START,
                reaccept);
    }

    /** Registers a new account (or joins the existing one) with the fixture's password. */
    private RegistrationResult register(String token, LocalDate dob) {
        return accept(token, dob);
    }

    private RegistrationResult accept(String token, LocalDate dob) {
        return f.portal
                .registration()
                .complete(
                        new CompleteRegistration(token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, dob));
    }

    private PortalPrincipal loginOk(String email) {
        return f.portal
                .login()
                .login(email, PortalFixture.GOOD_PASSWORD)
                .principal()
                .orElseThrow();
    }

    private List<AuditEvent> trail(String patientId) {
        return f.portal.invitations().auditTrail(PortalFixture.PRACTICE, PatientId.of(patientId));
    }

    private Set<AuditAction> actions(AuditQuery.Builder query) {
        Set<AuditAction> seen = new HashSet<>();
        @Nullable String cursor = null;
        do {
            AuditPage page =
                    f.portal.audit().query(query.pageSize(50).after(cursor).build());
            page.events().forEach(e -> seen.add(e.action()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }
}
