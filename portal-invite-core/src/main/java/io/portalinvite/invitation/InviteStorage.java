package io.portalinvite.invitation;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.settings.SettingsOverrides;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * What an invite reads before it decides, fetched together so that a database can answer in one
     * round trip: see {@link io.portalinvite.storage.PortalStorage#lookupForInvite}.
     *
     * @param storedSettings what the practice chose itself; empty when it never saved any (the defaults
     *     then apply)
     * @param inviteeAccess every access grant of the portal account with the invitee's email; empty
     *     when there is no such account
     * @param openInvitation the open invitation for this patient and invitee, if any
     * @param patientsSharingMobile patients of the practice whose open or accepted invitations went to the
     *     invitee's mobile (for the shared-mobile warning); empty when no mobile was asked about
     */
    public record InviteLookup(
            Optional<SettingsOverrides> storedSettings,
            List<PatientAccess> inviteeAccess,
            Optional<Invitation> openInvitation,
            List<PatientId> patientsSharingMobile) {

        /**
         * Copies the grants so the lookup stays immutable.
         *
         * @param storedSettings the saved settings, or empty
         * @param inviteeAccess the invitee account's grants
         * @param openInvitation the open invitation, or empty
         * @param patientsSharingMobile patients whose invitations went to the invitee's mobile
         */
        public InviteLookup {
            Objects.requireNonNull(storedSettings, "storedSettings");
            inviteeAccess = List.copyOf(inviteeAccess);
            Objects.requireNonNull(openInvitation, "openInvitation");
            patientsSharingMobile = List.copyOf(patientsSharingMobile);
        }
    }

    /**
     * Lists the patients of a practice the library holds anything for — an invitation or an access
     * grant — in ascending id order as the storage sorts them, after a cursor: the keyset staff
     * pages through to see every patient's portal status.
     *
     * @param practiceId the practice
     * @param after the last patient of the previous page, or null for the first page
     * @param limit the most patients to return
     * @return the patients' ids, each once
     */
    List<PatientId> findPatients(PracticeId practiceId, @Nullable PatientId after, int limit);
}
