package io.portalinvite.audit;

import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
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

    /**
     * Reads one page of a practice's entries matching the query, oldest first (by time, then by the
     * store's sequence). The next page starts strictly after the last entry of this one.
     *
     * @param query the filters, page size and cursor
     * @return the page; its cursor is null when no further entry matched
     */
    AuditPage query(AuditQuery query);

    /**
     * Deletes entries older than a cutoff, oldest first, at most {@code limit} of them — the only
     * deletion the trail allows, for the configured retention period.
     *
     * @param cutoff entries that occurred before this instant go
     * @param limit the most to delete in this call
     * @return how many were deleted
     */
    int purgeBefore(java.time.Instant cutoff, int limit);
}
