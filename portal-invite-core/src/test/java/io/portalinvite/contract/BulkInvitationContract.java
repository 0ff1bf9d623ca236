package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.Channel;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.BulkInvitationResult;
import io.portalinvite.invitation.BulkInvitationResult.BulkProgress;
import io.portalinvite.invitation.BulkInvitationResult.BulkRejection;
import io.portalinvite.invitation.BulkInvitationService.BulkInvitationOptions;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.Race;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bulk invitation on a storage implementation: the summary counts every reason, chunks commit one
 * by one with progress, a concurrent invitation rolls a chunk back whole and its rows are invited
 * one by one, and paced practices' messages get send slots that no number of nodes can overlap.
 */
public abstract class BulkInvitationContract {

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    private static InviteRequest row(PortalFixture f, String patientId) {
        return f.existingPatient(patientId).mobile(null).build();
    }

    @Test
    void inviteAllWhenRowsAreMixedThenSummaryCountsEveryReasonAndProgressFollowsChunks() {
        PortalFixture f = new PortalFixture(newStorage());
        f.enablePortal(b -> b.dateOfBirthCheck(false));
        f.portal.invitations().invite(row(f, "invited"));
        f.portal.invitations().invite(row(f, "registered"));
        f.portal.dispatcher().drain();
        String token = f.email.sent().stream()
                .map(io.portalinvite.testing.CapturingEmailSender::tokenIn)
                .toList()
                .get(1);
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
        f.email.clear();

        List<InviteRequest> rows = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> rows.add(row(f, "bulk-" + i)));
        rows.add(2, row(f, "invited"));
        rows.add(5, row(f, "registered"));
        rows.add(6, row(f, "bulk-3"));
        rows.add(
                20,
                f.existingPatient("bad-email")
                        .mobile(null)
                        .email("not an email")
                        .build());
        rows.add(21, f.existingPatient("no-dob").mobile(null).dateOfBirth(null).build());
        rows.add(InviteRequest.existingPatient("practice-2", "staff-7")
                .patientId("elsewhere")
                .name("Al", "Kh")
                .dateOfBirth(PortalFixture.DOB)
                .email("al@example.org")
                .build());
        List<BulkProgress> progress = new CopyOnWriteArrayList<>();
        List<BulkRejection> rejected = new CopyOnWriteArrayList<>();

        BulkInvitationResult result = f.portal
                .bulkInvitations()
                .inviteAll(
                        PortalFixture.PRACTICE,
                        PortalFixture.STAFF,
                        rows.stream(),
                        BulkInvitationOptions.DEFAULT
                                .withChunkSize(7)
                                .withSampleLimit(3)
                                .withProgress(progress::add)
                                .withRejected(rejected::add));

        assertThat(result.processed()).isEqualTo(36);
        assertThat(result.invited()).isEqualTo(30);
        assertThat(result.skipped())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        BulkRejection.Reason.ALREADY_INVITED,
                        1L,
                        BulkRejection.Reason.ALREADY_REGISTERED,
                        1L,
                        BulkRejection.Reason.REPEATED_IN_INPUT,
                        1L));
        assertThat(result.invalidTotal()).isEqualTo(3);
        assertThat(result.invalid().keySet())
                .anyMatch(k -> k.startsWith("patient.email:"))
                .anyMatch(k -> k.startsWith("patient.dateOfBirth:"))
                .contains("practiceId:bulk.other_practice");
        assertThat(result.sample()).hasSize(3).extracting(BulkRejection::row).containsExactly(3L, 6L, 7L);
        assertThat(result.sampleComplete()).isFalse();
        assertThat(rejected)
                .hasSize(6)
                .extracting(BulkRejection::patientId)
                .containsExactly("invited", "registered", "bulk-3", "bad-email", "no-dob", "elsewhere");
        assertThat(progress).hasSize(6).last().isEqualTo(new BulkProgress(36, 30, 3, 3));
        assertThat(progress).extracting(BulkProgress::processed).containsExactly(7L, 14L, 21L, 28L, 35L, 36L);

        for (int i = 0; i < 30; i++) {
            List<Invitation> history =
                    f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("bulk-" + i));
            assertThat(history).as("bulk-%d", i).hasSize(1);
            assertThat(f.storage.audit().findByInvitation(history.get(0).id()))
                    .extracting(AuditEvent::action)
                    .containsExactly(AuditAction.INVITATION_CREATED);
        }
        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("invited")))
                .hasSize(1);
        assertThat(f.portal.dispatcher().drain()).isEqualTo(30);
        assertThat(f.email.sent()).hasSize(30);
        assertThat(f.events)
                .filteredOn(e -> e instanceof PortalEvent.InvitationCreated)
                .hasSize(32);
        assertThat(f.events)
                .anyMatch(e -> e instanceof PortalEvent.BulkInvitationCompleted b
                        && b.invited() == 30
                        && b.skipped() == 3
                        && b.invalid() == 3);
    }

    @Test
    void inviteAllWhenPortalDisabledThenRefusedBeforeReadingAnyRow() {
        PortalFixture f = new PortalFixture(newStorage());
        Stream<InviteRequest> rows = Stream.generate(() -> {
            throw new AssertionError("no row may be read");
        });
        assertThatThrownBy(() -> f.portal
                        .bulkInvitations()
                        .inviteAll(PortalFixture.PRACTICE, PortalFixture.STAFF, rows, BulkInvitationOptions.DEFAULT))
                .isInstanceOf(PortalDisabledException.class);
    }

    @Test
    void inviteAllWhenAnotherNodeInvitesDuringTheChunkThenChunkRolledBackWholeAndRowsInvitedOneByOne() {
        PortalStorage real = newStorage();
        PortalFixture f = new PortalFixture(blindToOpenInvitations(real));
        f.enablePortal();
        // invited "by another node": the chunk's check does not see it, so the batch insert collides
        Invitation other = Objects.requireNonNull(
                f.portal.invitations().invite(row(f, "race-1")).invitation());
        List<InviteRequest> rows = List.of(row(f, "race-0"), row(f, "race-1"), row(f, "race-2"));

        BulkInvitationResult result = f.portal
                .bulkInvitations()
                .inviteAll(PortalFixture.PRACTICE, PortalFixture.STAFF, rows.stream(), BulkInvitationOptions.DEFAULT);

        assertThat(result.invited()).isEqualTo(2);
        assertThat(result.skipped()).containsExactlyEntriesOf(Map.of(BulkRejection.Reason.ALREADY_INVITED, 1L));
        for (String patient : List.of("race-0", "race-1", "race-2")) {
            List<Invitation> history = real.invitations().findByPatient(PortalFixture.PRACTICE, PatientId.of(patient));
            assertThat(history).as(patient).hasSize(1);
            assertThat(real.outbox().findBySubject(history.get(0).id().value()))
                    .filteredOn(m -> m.kind() == MessageKind.INVITATION_EMAIL)
                    .hasSize(1);
            assertThat(real.audit().findByInvitation(history.get(0).id()))
                    .extracting(AuditEvent::action)
                    .containsOnlyOnce(AuditAction.INVITATION_CREATED);
        }
        assertThat(real.invitations()
                        .findByPatient(PortalFixture.PRACTICE, PatientId.of("race-1"))
                        .get(0)
                        .id())
                .isEqualTo(other.id());
        assertThat(f.portal.dispatcher().drain()).isEqualTo(3);
    }

    @Test
    void inviteAllWhenPracticePacesMessagesThenOneEmailPerSlotAndOverdueMessagesArePacedAgain() {
        PortalFixture f = new PortalFixture(newStorage());
        f.enablePortal(b -> b.messagesPerMinute(60));
        Instant start = f.clock.instant();
        f.portal
                .bulkInvitations()
                .inviteAll(
                        PortalFixture.PRACTICE,
                        PortalFixture.STAFF,
                        IntStream.range(0, 8).mapToObj(i -> row(f, "paced-" + i)),
                        BulkInvitationOptions.DEFAULT);
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Invitation inv = f.portal
                    .invitations()
                    .history(PortalFixture.PRACTICE, PatientId.of("paced-" + i))
                    .get(0);
            f.storage.outbox().findBySubject(inv.id().value()).forEach(m -> slots.add(m.nextAttemptAt()));
        }
        assertThat(new TreeSet<>(slots))
                .containsExactlyElementsOf(IntStream.range(0, 8)
                        .mapToObj(i -> start.plusSeconds(i))
                        .toList());

        assertThat(f.portal.dispatcher().drain()).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.portal.dispatcher().drain()).isEqualTo(1);
        assertThat(f.email.sent()).hasSize(2);

        // dispatchers were down for ten minutes: the six overdue emails are not all sent at once
        f.clock.advance(Duration.ofMinutes(10));
        f.portal.dispatcher().drain();
        assertThat(f.email.sent()).hasSize(3);
        for (int i = 4; i <= 8; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            f.portal.dispatcher().drain();
            assertThat(f.email.sent()).hasSize(i);
        }
    }

    @Test
    void reserveSendSlotsWhenThreeNodesReserveAtOnceThenSlotsNeverOverlap() {
        PortalStorage storage = newStorage();
        Duration interval = Duration.ofMillis(100);
        Instant now = Instant.parse("2026-03-02T00:00:00Z");
        List<Instant> firsts = new ArrayList<>();
        try (Race race = new Race(3)) {
            for (int round = 0; round < 20; round++) {
                race.run(i -> () -> storage.transactions()
                                .inTransaction(() -> storage.outbox()
                                        .reserveSendSlots(
                                                PracticeId.of("practice-1"), Channel.EMAIL, 5, now, interval)))
                        .forEach(o -> {
                            assertThat(o.failure()).isNull();
                            firsts.add(o.value());
                        });
            }
        }
        List<Instant> sorted = firsts.stream().sorted().toList();
        assertThat(sorted.get(0)).isEqualTo(now);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).isEqualTo(interval.multipliedBy(5));
        }
        Instant other = storage.transactions()
                .inTransaction(() -> storage.outbox()
                        .reserveSendSlots(PracticeId.of("practice-2"), Channel.EMAIL, 1, now, interval));
        assertThat(other).isEqualTo(now);
        Instant sms = storage.transactions()
                .inTransaction(() ->
                        storage.outbox().reserveSendSlots(PracticeId.of("practice-1"), Channel.SMS, 1, now, interval));
        assertThat(sms).isEqualTo(now);
    }

    /** The storage as a node sees it that checks a chunk just before another node invites. */
    private static PortalStorage blindToOpenInvitations(PortalStorage real) {
        InvitationStore invitations = (InvitationStore) Proxy.newProxyInstance(
                InvitationStore.class.getClassLoader(), new Class<?>[] {InvitationStore.class}, (p, method, args) -> {
                    if (method.getName().equals("findOpenAmong")) {
                        return List.of();
                    }
                    return invoke(real.invitations(), method, args);
                });
        return (PortalStorage) Proxy.newProxyInstance(
                PortalStorage.class.getClassLoader(), new Class<?>[] {PortalStorage.class}, (p, method, args) -> {
                    if (method.getName().equals("invitations")) {
                        return invitations;
                    }
                    if (method.getName().equals("insertInvitations")
                            || method.getName().equals("insertInvitation")) {
                        return invoke(real, method, args);
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** @return messages of an invitation, for subclasses' own checks */
    static List<OutboundMessage> messages(PortalStorage storage, Invitation invitation) {
        return storage.outbox().findBySubject(invitation.id().value());
    }
}
