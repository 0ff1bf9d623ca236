package io.portalinvite.audit;

import io.portalinvite.invitation.InvitationId;
import io.portalinvite.party.PatientId;
import io.portalinvite.party.PracticeId;
import java.util.List;

/**
 * Storage SPI for the audit trail: append and query, never update or delete.
 *
 * <p>Implementations join the current {@link io.portalinvite.tx.TransactionRunner} transaction, so
 * an audit entry is written if and only if the change it records is.
 */
public interface AuditStore {

    /**
     * Appends an entry.
     *
     * @param event the entry
     */
    void append(AuditEvent event);

    /**
     * Lists a patient's entries at a practice in the order they occurred.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the entries, oldest first
     */
    List<AuditEvent> findByPatient(PracticeId practiceId, PatientId patientId);

    /**
     * Lists an invitation's entries in the order they occurred.
     *
     * @param invitationId the invitation
     * @return the entries, oldest first
     */
    List<AuditEvent> findByInvitation(InvitationId invitationId);
}
