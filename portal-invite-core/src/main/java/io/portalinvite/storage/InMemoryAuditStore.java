package io.portalinvite.storage;

import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditQuery;
import io.portalinvite.audit.AuditQuery.AuditCursor;
import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** {@link AuditStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
final class InMemoryAuditStore implements AuditStore {

    private final InMemoryTransactionRunner tx;
    private final List<AuditEvent> events = new ArrayList<>();
    private final java.util.Map<java.util.UUID, Long> sequence = new java.util.HashMap<>();
    private long nextSequence = 1;

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    InMemoryAuditStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public void append(AuditEvent event) {
        tx.update(undo -> {
            events.add(event);
            sequence.put(event.id(), nextSequence++);
            undo.onRollback(() -> {
                events.remove(event);
                sequence.remove(event.id());
            });
        });
    }

    @Override
    public List<AuditEvent> findByPatient(PracticeId practiceId, PatientId patientId) {
        return select(e -> Objects.equals(e.practiceId(), practiceId) && Objects.equals(e.patientId(), patientId));
    }

    @Override
    public List<AuditEvent> findByInvitation(InvitationId invitationId) {
        return select(e -> Objects.equals(e.invitationId(), invitationId));
    }

    /**
     * Lists every entry, for tests and demos.
     *
     * @return all entries in append order
     */
    public List<AuditEvent> all() {
        return tx.read(() -> List.copyOf(events));
    }

    private List<AuditEvent> select(Predicate<AuditEvent> filter) {
        // stable sort: events of the same instant keep their append order
        return tx.read(() -> events.stream()
                .filter(filter)
                .sorted(Comparator.comparing(AuditEvent::occurredAt))
                .toList());
    }

    @Override
    public AuditPage query(AuditQuery query) {
        return tx.read(() -> {
            AuditCursor after = query.after();
            List<AuditEvent> matching = events.stream()
                    .filter(query::matches)
                    .filter(e -> after == null || compare(e, after) > 0)
                    .sorted(Comparator.comparing(AuditEvent::occurredAt).thenComparing(e -> sequence.get(e.id())))
                    .limit(query.pageSize() + 1L)
                    .toList();
            if (matching.size() <= query.pageSize()) {
                return new AuditPage(matching, null);
            }
            List<AuditEvent> page = matching.subList(0, query.pageSize());
            AuditEvent last = page.get(page.size() - 1);
            return new AuditPage(page, new AuditCursor(last.occurredAt(), sequenceOf(last)).toString());
        });
    }

    private long sequenceOf(AuditEvent e) {
        return Objects.requireNonNull(sequence.get(e.id()), "every stored entry has a sequence number");
    }

    private int compare(AuditEvent e, AuditCursor cursor) {
        int byTime = e.occurredAt().compareTo(cursor.occurredAt());
        return byTime != 0 ? byTime : Long.compare(sequenceOf(e), cursor.sequence());
    }

    @Override
    public int purgeBefore(java.time.Instant cutoff, int limit) {
        return tx.mutate(undo -> {
            List<AuditEvent> old = events.stream()
                    .filter(e -> e.occurredAt().isBefore(cutoff))
                    .sorted(Comparator.comparing(AuditEvent::occurredAt))
                    .limit(limit)
                    .toList();
            java.util.Map<java.util.UUID, Long> removed = new java.util.HashMap<>();
            for (AuditEvent e : old) {
                events.remove(e);
                removed.put(e.id(), sequence.remove(e.id()));
            }
            undo.onRollback(() -> {
                events.addAll(old);
                sequence.putAll(removed);
            });
            return old.size();
        });
    }
}
