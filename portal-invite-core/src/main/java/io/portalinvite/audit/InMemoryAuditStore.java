package io.portalinvite.audit;

import io.portalinvite.invitation.InvitationId;
import io.portalinvite.party.PatientId;
import io.portalinvite.party.PracticeId;
import io.portalinvite.tx.InMemoryTransactionRunner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** {@link AuditStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
public final class InMemoryAuditStore implements AuditStore {

    private final InMemoryTransactionRunner tx;
    private final List<AuditEvent> events = new ArrayList<>();

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    public InMemoryAuditStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public void append(AuditEvent event) {
        tx.mutate(undo -> {
            events.add(event);
            undo.onRollback(() -> events.remove(event));
            return null;
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
        return tx.read(() -> events.stream().filter(filter)
                .sorted(Comparator.comparing(AuditEvent::occurredAt)).toList());
    }
}
