package io.portalinvite.audit;

import static io.portalinvite.testing.StoreTestData.OTHER_PRACTICE;
import static io.portalinvite.testing.StoreTestData.PRACTICE;
import static io.portalinvite.testing.StoreTestData.STAFF;
import static io.portalinvite.testing.StoreTestData.T0;
import static io.portalinvite.testing.StoreTestData.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.storage.PortalStorage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditStore} must have, as its Javadoc states it: an exact round trip of
 * every field (the details map, the optional ids), lists per patient (scoped to the practice) and
 * per invitation in the order the events occurred, oldest first, with events of the same instant
 * in the order they were appended, and entries written if and only if their transaction commits.
 *
 * <p>To check an implementation, subclass this in the implementation's test sources and return a
 * fresh, empty {@link PortalStorage} from {@link #newStorage()}. The tests use only the SPI
 * interfaces and write inside {@code storage.transactions().inTransaction(...)}.
 */
public abstract class AuditStoreContract {

    private static final PatientId PATIENT = PatientId.of("p-1");
    private static final Actor STAFF_ACTOR = Actor.staff(STAFF);

    /** The storage of the current test. */
    protected PortalStorage storage;

    private AuditStore store;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void createStorage() {
        storage = newStorage();
        store = storage.audit();
    }

    @Test
    void appendThenFindReturnsEveryFieldUnchanged() {
        InvitationId invitation = InvitationId.random();
        AuditEvent event = new AuditEvent(
                UUID.randomUUID(),
                T0.plusNanos(123_456_000),
                PRACTICE,
                AuditAction.DELIVERY_DEFERRED,
                "system",
                AuditOutcome.FAILURE,
                PATIENT,
                invitation,
                AccountId.random(),
                Channel.SMS,
                Map.of("attempt", "3", "reason", "provider.timeout", "next", "2026-03-02T00:05:00Z"));

        append(event);

        assertThat(store.findByInvitation(invitation))
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(event);
        assertThat(store.findByPatient(PRACTICE, PATIENT)).containsExactly(event);
    }

    @Test
    void appendThenFindWhenOptionalFieldsNullAndNoDetailsThenRoundTrips() {
        AuditEvent noInvitation = AuditEvent.of(AuditAction.ACCESS_REVOKED, STAFF_ACTOR, T0)
                .practice(PRACTICE)
                .patient(PATIENT)
                .build();
        InvitationId invitation = InvitationId.random();
        AuditEvent noPractice = AuditEvent.of(AuditAction.INVITATION_VIEWED, new Actor("invitee"), T0)
                .invitation(invitation)
                .build();

        append(noInvitation);
        append(noPractice);

        AuditEvent byPatient = store.findByPatient(PRACTICE, PATIENT).get(0);
        assertThat(byPatient).usingRecursiveComparison().isEqualTo(noInvitation);
        assertThat(byPatient.invitationId()).isNull();
        assertThat(byPatient.accountId()).isNull();
        assertThat(byPatient.channel()).isNull();
        assertThat(byPatient.details()).isEmpty();
        AuditEvent byInvitation = store.findByInvitation(invitation).get(0);
        assertThat(byInvitation).usingRecursiveComparison().isEqualTo(noPractice);
        assertThat(byInvitation.practiceId()).isNull();
        assertThat(byInvitation.patientId()).isNull();
    }

    @Test
    void findByPatientWhenAppendedOutOfTimeOrderThenOldestFirst() {
        AuditEvent created = event(AuditAction.INVITATION_CREATED, at(1_000), null);
        AuditEvent sent = event(AuditAction.DELIVERY_SENT, at(2_000), null);
        AuditEvent accepted = event(AuditAction.INVITATION_ACCEPTED, at(3_000), null);
        append(sent);
        append(accepted);
        append(created);

        List<AuditEvent> found = store.findByPatient(PRACTICE, PATIENT);

        assertThat(found).containsExactlyInAnyOrder(created, sent, accepted);
        assertThat(found)
                .as("in the order they occurred")
                .extracting(AuditEvent::action)
                .containsExactly(
                        AuditAction.INVITATION_CREATED, AuditAction.DELIVERY_SENT, AuditAction.INVITATION_ACCEPTED);
    }

    @Test
    void findByInvitationWhenAppendedOutOfTimeOrderThenOldestFirst() {
        InvitationId invitation = InvitationId.random();
        AuditEvent created = event(AuditAction.INVITATION_CREATED, at(1_000), invitation);
        AuditEvent resent = event(AuditAction.INVITATION_RESENT, at(2_000), invitation);
        AuditEvent revoked = event(AuditAction.INVITATION_REVOKED, at(3_000), invitation);
        append(revoked);
        append(created);
        append(resent);

        List<AuditEvent> found = store.findByInvitation(invitation);

        assertThat(found).containsExactlyInAnyOrder(created, resent, revoked);
        assertThat(found)
                .as("in the order they occurred")
                .extracting(AuditEvent::action)
                .containsExactly(
                        AuditAction.INVITATION_CREATED, AuditAction.INVITATION_RESENT, AuditAction.INVITATION_REVOKED);
    }

    @Test
    void findWhenSeveralEventsAtSameInstantThenAppendOrder() {
        InvitationId invitation = InvitationId.random();
        Instant now = at(5_000);
        List<AuditEvent> events = List.of(
                event(AuditAction.INVITATION_ACCEPTED, now, invitation),
                event(AuditAction.PASSWORD_SET, now, invitation),
                event(AuditAction.LOGIN_SUCCESS, now, invitation),
                event(AuditAction.DATE_OF_BIRTH_FAILED, now, invitation));
        storage.transactions().inTransaction(() -> events.forEach(store::append));

        assertThat(store.findByInvitation(invitation)).containsExactlyElementsOf(events);
        assertThat(store.findByPatient(PRACTICE, PATIENT)).containsExactlyElementsOf(events);
    }

    @Test
    void findByPatientWhenOtherPracticeOrPatientOrNoPracticeThenNotListed() {
        AuditEvent mine = event(AuditAction.INVITATION_CREATED, at(1), null);
        AuditEvent otherPractice = AuditEvent.of(AuditAction.INVITATION_CREATED, STAFF_ACTOR, at(2))
                .practice(OTHER_PRACTICE)
                .patient(PATIENT)
                .build();
        AuditEvent otherPatient = AuditEvent.of(AuditAction.INVITATION_CREATED, STAFF_ACTOR, at(3))
                .practice(PRACTICE)
                .patient(PatientId.of("p-2"))
                .build();
        AuditEvent noPractice = AuditEvent.of(AuditAction.LOGIN_FAILURE, new Actor("invitee"), at(4))
                .patient(PATIENT)
                .outcome(AuditOutcome.FAILURE)
                .build();
        append(mine);
        append(otherPractice);
        append(otherPatient);
        append(noPractice);

        assertThat(store.findByPatient(PRACTICE, PATIENT)).containsExactly(mine);
        assertThat(store.findByPatient(OTHER_PRACTICE, PATIENT)).containsExactly(otherPractice);
        assertThat(store.findByPatient(OTHER_PRACTICE, PatientId.of("p-2"))).isEmpty();
    }

    @Test
    void findByInvitationWhenOtherInvitationThenNotListed() {
        InvitationId mine = InvitationId.random();
        AuditEvent created = event(AuditAction.INVITATION_CREATED, at(1), mine);
        AuditEvent other = event(AuditAction.INVITATION_CREATED, at(2), InvitationId.random());
        AuditEvent none = event(AuditAction.SETTINGS_CHANGED, at(3), null);
        append(created);
        append(other);
        append(none);

        assertThat(store.findByInvitation(mine)).containsExactly(created);
        assertThat(store.findByInvitation(InvitationId.random())).isEmpty();
    }

    @Test
    void transactionThatThrowsAfterAppendLeavesNothing() {
        InvitationId invitation = InvitationId.random();
        AuditEvent created = event(AuditAction.INVITATION_CREATED, at(1), invitation);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.append(created);
                    throw new IllegalStateException("the change being audited failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.findByInvitation(invitation)).isEmpty();
        assertThat(store.findByPatient(PRACTICE, PATIENT)).isEmpty();
    }

    @Test
    void transactionThatThrowsKeepsEntriesOfEarlierTransactions() {
        InvitationId invitation = InvitationId.random();
        AuditEvent committed = event(AuditAction.INVITATION_CREATED, at(1), invitation);
        append(committed);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.append(event(AuditAction.INVITATION_REVOKED, at(2), invitation));
                    throw new IllegalStateException("revocation failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.findByInvitation(invitation)).containsExactly(committed);
        assertThat(store.findByPatient(PRACTICE, PATIENT)).containsExactly(committed);
    }

    @Test
    void queryWhenPagedThroughEntriesSharingInstantsThenEachOnceInTimeThenAppendOrder() {
        List<AuditEvent> appended = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            AuditEvent e = event(AuditAction.INVITATION_VIEWED, T0.plusSeconds(i / 3), null);
            append(e);
            appended.add(e);
        }
        append(AuditEvent.of(AuditAction.LOGIN_SUCCESS, STAFF_ACTOR, T0).build()); // no practice: never listed

        List<AuditEvent> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            AuditPage page = storage.transactions()
                    .inTransaction(() -> store.query(AuditQuery.practice(PRACTICE)
                            .pageSize(4)
                            .after(after)
                            .build()));
            seen.addAll(page.events());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(appended);
    }

    @Test
    void queryWhenFilteredByPatientActionWindowAndAccountThenOnlyMatchingEntries() {
        io.portalinvite.common.AccountId account = io.portalinvite.common.AccountId.random();
        AuditEvent viewed = event(AuditAction.INVITATION_VIEWED, T0, null);
        AuditEvent accepted = AuditEvent.of(AuditAction.INVITATION_ACCEPTED, new Actor("invitee"), T0.plusSeconds(10))
                .practice(PRACTICE)
                .patient(PATIENT)
                .account(account)
                .build();
        AuditEvent other = AuditEvent.of(AuditAction.INVITATION_VIEWED, new Actor("invitee"), T0.plusSeconds(20))
                .practice(PRACTICE)
                .patient(PatientId.of("p-2"))
                .build();
        AuditEvent login = AuditEvent.of(AuditAction.LOGIN_SUCCESS, Actor.account(account), T0.plusSeconds(30))
                .account(account)
                .build();
        List.of(viewed, accepted, other, login).forEach(this::append);

        assertThat(query(AuditQuery.practice(PRACTICE).patient(PATIENT))).containsExactly(viewed, accepted);
        assertThat(query(AuditQuery.practice(PRACTICE).actions(AuditAction.INVITATION_VIEWED)))
                .containsExactly(viewed, other);
        assertThat(query(AuditQuery.practice(PRACTICE).from(T0.plusSeconds(10)).to(T0.plusSeconds(20))))
                .containsExactly(accepted);
        assertThat(query(AuditQuery.account(account))).containsExactly(accepted, login);
    }

    @Test
    void purgeBeforeWhenLimitedThenOldestGoFirstAndNewerStay() {
        for (int i = 0; i < 5; i++) {
            append(event(AuditAction.INVITATION_VIEWED, T0.plusSeconds(i), null));
        }
        AuditEvent kept = event(AuditAction.INVITATION_VIEWED, T0.plusSeconds(60), null);
        append(kept);

        int first = storage.transactions().inTransaction(() -> store.purgeBefore(T0.plusSeconds(30), 3));
        int second = storage.transactions().inTransaction(() -> store.purgeBefore(T0.plusSeconds(30), 3));

        assertThat(first).isEqualTo(3);
        assertThat(second).isEqualTo(2);
        assertThat(store.findByPatient(PRACTICE, PATIENT)).containsExactly(kept);
    }

    private List<AuditEvent> query(AuditQuery.Builder query) {
        return storage.transactions()
                .inTransaction(() -> store.query(query.build()))
                .events();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static AuditEvent event(AuditAction action, Instant occurredAt, @Nullable InvitationId invitation) {
        return AuditEvent.of(action, STAFF_ACTOR, occurredAt)
                .practice(PRACTICE)
                .patient(PATIENT)
                .invitation(invitation)
                .detail("step", action.code())
                .build();
    }

    private void append(AuditEvent event) {
        storage.transactions().inTransaction(() -> store.append(event));
    }
}
