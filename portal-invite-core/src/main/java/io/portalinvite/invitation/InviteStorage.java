package io.portalinvite.invitation;

import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Storage SPI for what one invite reads and writes across several stores: an implementation may
 * answer each call in one round trip where its database allows (the JDBC one does on PostgreSQL).
 * Every method runs in the current transaction. The stores' own implementations in turn, store by
 * store, are always a correct answer; {@code io.portalinvite.storage.PortalStorage} gives them.
 */
public interface InviteStorage {

    /**
     * Writes a new invitation with its outbound messages and its audit entry.
     *
     * @param invitation the new invitation
     * @param messages its outbound messages
     * @param created the audit entry that records it
     * @throws DuplicateInvitationException as {@link InvitationStore#insert} does
     */
    void insertInvitation(Invitation invitation, List<OutboundMessage> messages, AuditEvent created);

    /**
     * Writes many new invitations with their outbound messages and audit entries (a bulk
     * invitation's chunk).
     *
     * @param invitations the new invitations
     * @param messages their outbound messages
     * @param created their audit entries
     * @throws DuplicateInvitationException as {@link InvitationStore#insert} does; the caller rolls
     *     the transaction back
     */
    void insertInvitations(List<Invitation> invitations, List<OutboundMessage> messages, List<AuditEvent> created);

    /**
     * Reads everything an invite decides on: the practice's own settings, the access grants of the
     * account with the invitee's email, the open invitation for this patient and invitee, and — when
     * a mobile is given — the patients whose invitations went to that mobile (up to
     * {@code mobileLimit}).
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @param inviteeEmailKey the invitee email's lookup key
     * @param inviteeMobileE164 the invitee's mobile in E.164 form when an SMS notice is asked for, or null
     * @param mobileLimit the most patients sharing the mobile to return
     * @return what was found
     */
    InviteLookup lookupForInvite(
            PracticeId practiceId,
            PatientId patientId,
            String inviteeEmailKey,
            @Nullable String inviteeMobileE164,
            int mobileLimit);
}
