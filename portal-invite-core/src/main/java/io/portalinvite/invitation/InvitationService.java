package io.portalinvite.invitation;

import io.portalinvite.account.AccessService;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.InviteResult.ContactWarning;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.invitation.InviteStorage.InviteLookup;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff side of invitations: send Patient Portal access to a new or existing patient (or their
 * carer), resend, revoke, and look up status and history.
 *
 * <p>Each change writes the invitation, its outbound messages and its audit entry in one
 * transaction — the host's own when one is open — and nothing is sent before it commits. The
 * request is validated by {@link InviteRequests}, the decision follows the {@link Eligibility}
 * rules, and every write goes through the {@link InvitationLifecycle}.
 */
public final class InvitationService {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);

    private final TransactionRunner tx;
    private final InvitationStore invitations;
    private final OutboxStore outbox;
    private final AuditStore audit;
    private final SettingsService settings;
    private final AccessService access;
    private final InvitationLifecycle lifecycle;
    private final Clock clock;
    private final boolean smsAvailable;
    private final InviteReads reads;
    private final PatientStatuses statuses;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary every store joins
     * @param invitations the invitation store
     * @param outbox the outbox (delivery history)
     * @param audit the audit store (audit trail)
     * @param invites the reads and writes of an invite that span stores
     * @param settings practices' settings
     * @param access revokes access grants when access is removed
     * @param lifecycle performs every state change
     * @param clock the clock
     * @param smsAvailable whether an SMS sender is configured
     */
    public InvitationService(
            TransactionRunner tx,
            InvitationStore invitations,
            OutboxStore outbox,
            AuditStore audit,
            InviteStorage invites,
            SettingsService settings,
            AccessService access,
            InvitationLifecycle lifecycle,
            Clock clock,
            boolean smsAvailable) {
        this.tx = tx;
        this.invitations = invitations;
        this.outbox = outbox;
        this.audit = audit;
        this.settings = settings;
        this.access = access;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.smsAvailable = smsAvailable;
        this.reads = new InviteReads(invites, settings, clock, smsAvailable);
        this.statuses = new PatientStatuses(invitations, access, audit, invites, settings, clock);
    }

    /**
     * Sends Patient Portal access: validates the request, then — unless the invitee already has
     * access or a live invitation — makes the invitation and queues its email (with the link) and
     * SMS notice.
     *
     * @param request what staff entered
     * @return what happened, with the invitation
     * @throws ValidationException naming every bad field; nothing is stored
     * @throws PortalDisabledException when the practice's portal is off
     */
    public InviteResult invite(InviteRequest request) {
        try {
            return tx.inTransaction(() -> decide(reads.read(request)));
        } catch (DuplicateInvitationException e) {
            // another node invited the same person between our check and our insert; the unique key
            // stopped the second invitation, and a second look now finds the first one
            log.debug("concurrent invite for the same patient and invitee; reading the winner");
            return tx.inTransaction(() -> decide(reads.read(request)));
        }
    }

    private InviteResult decide(InviteReads.Read read) {
        InviteRequests.Valid valid = read.valid();
        PortalSettings practice = read.practice();
        InviteLookup lookup = read.lookup();
        List<String> notices = new ArrayList<>();
        Invitee invitee = valid.invitee();
        Set<Channel> channels =
                Eligibility.channels(valid.request().smsNotice(), practice, invitee, smsAvailable, notices);
        Instant now = clock.instant();
        Eligibility.checkAgeRules(practice, valid.patient(), invitee, now);
        List<PatientAccess> held = lookup.inviteeAccess();
        if (Eligibility.hasAccess(practice, valid.patient().id(), invitee, held, now)) {
            return new InviteResult(
                    InviteOutcome.ALREADY_REGISTERED,
                    null,
                    List.of("This person already has Patient Portal access for this patient."));
        }
        List<ContactWarning> warnings = Eligibility.contactWarnings(
                practice, valid.patient(), invitee, channels, held, lookup.patientsSharingMobile(), now);
        Optional<Invitation> open = lookup.openInvitation();
        if (open.isPresent()) {
            Invitation existing = open.get();
            if (existing.isLive(now)) {
                if (valid.request().resendIfInvited()) {
                    Invitation resent = lifecycle.reissue(existing, practice, Actor.staff(valid.staff()), now);
                    return new InviteResult(InviteOutcome.RESENT, resent, notices, warnings);
                }
                return new InviteResult(InviteOutcome.ALREADY_INVITED, existing, notices, warnings);
            }
            if (!lifecycle.expire(existing, now)) {
                throw new io.portalinvite.common.ConcurrentChangeException("The invitation");
            }
        }
        Invitation invitation = lifecycle.create(valid, channels, practice, now);
        return new InviteResult(InviteOutcome.INVITED, invitation, notices, warnings);
    }

    /**
     * Issues a new link for an invitation: the old link stops working at once, the expiry starts
     * again, and the email (and SMS notice) are sent again. Limited per hour and per day by the
     * practice's settings.
     *
     * @param practiceId the practice (an invitation of another practice is not found)
     * @param invitationId the invitation
     * @param staffId who asked
     * @return the invitation with its new link
     * @throws InvitationNotFoundException when it does not exist at this practice
     * @throws InvitationClosedException when it was accepted
     * @throws ResendLimitExceededException when resent too often
     */
    public Invitation resend(PracticeId practiceId, InvitationId invitationId, StaffId staffId) {
        PortalSettings practice = settings.requireEnabled(practiceId);
        return tx.inTransaction(() -> {
            Invitation invitation = load(practiceId, invitationId);
            if (invitation.status() == InvitationStatus.ACCEPTED) {
                throw new InvitationClosedException(invitationId, invitation.status());
            }
            if (!invitation.status().isOpen()
                    && invitations
                            .findOpen(
                                    practiceId,
                                    invitation.patient().id(),
                                    invitation.invitee().email().lookupKey())
                            .isPresent()) {
                throw new InvitationClosedException(invitationId, invitation.status());
            }
            return lifecycle.reissue(invitation, practice, Actor.staff(staffId), clock.instant());
        });
    }

    /**
     * Revokes an invitation: its link stops working and queued messages are not sent. Revoking a
     * closed invitation changes nothing.
     *
     * @param practiceId the practice
     * @param invitationId the invitation
     * @param staffId who asked
     * @return the invitation as it now is
     * @throws InvitationNotFoundException when it does not exist at this practice
     */
    public Invitation revoke(PracticeId practiceId, InvitationId invitationId, StaffId staffId) {
        return tx.inTransaction(() -> {
            Invitation invitation = load(practiceId, invitationId);
            return invitation.status().isOpen()
                    ? lifecycle.revoke(invitation, RevocationReason.STAFF, Actor.staff(staffId), clock.instant())
                    : invitation;
        });
    }

    /**
     * Turns a patient's portal access off at one practice, as the demographic toggle does: revokes
     * every open invitation and every access grant to this patient at this practice. Access at
     * other practices is untouched.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @param staffId who asked
     * @return how many invitations and grants were revoked
     */
    public AccessRemoval removeAccess(PracticeId practiceId, PatientId patientId, StaffId staffId) {
        Actor actor = Actor.staff(staffId);
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            int revoked = 0;
            for (Invitation invitation : invitations.findByPatient(practiceId, patientId)) {
                if (invitation.status().isOpen()) {
                    lifecycle.revoke(invitation, RevocationReason.STAFF, actor, now);
                    revoked++;
                }
            }
            return new AccessRemoval(revoked, access.revokeAllForPatient(practiceId, patientId, actor));
        });
    }

    /**
     * Finds an invitation of a practice.
     *
     * @param practiceId the practice
     * @param invitationId the invitation
     * @return the invitation, or empty
     */
    public Optional<Invitation> find(PracticeId practiceId, InvitationId invitationId) {
        return invitations.findById(invitationId).filter(i -> i.practiceId().equals(practiceId));
    }

    /**
     * Lists a patient's invitations at a practice, oldest first, for the demographic window.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the invitations
     */
    public List<Invitation> history(PracticeId practiceId, PatientId patientId) {
        return invitations.findByPatient(practiceId, patientId);
    }

    /**
     * Lists an invitation's outbound messages with their delivery state (attempts, last error).
     *
     * @param practiceId the practice
     * @param invitationId the invitation
     * @return the messages, oldest first
     * @throws InvitationNotFoundException when it does not exist at this practice
     */
    public List<OutboundMessage> deliveries(PracticeId practiceId, InvitationId invitationId) {
        load(practiceId, invitationId);
        return outbox.findBySubject(invitationId.value());
    }

    /**
     * Lists the audit trail of a patient at a practice, oldest first.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the entries
     */
    public List<AuditEvent> auditTrail(PracticeId practiceId, PatientId patientId) {
        return audit.findByPatient(practiceId, patientId);
    }

    /**
     * Pages through a practice's patients with where each stands with the Patient Portal — invited,
     * delivered, delivery failed, opened, registered, expired or revoked — for the staff patient list.
     * Lists every patient the library holds an invitation or access grant for, in patient-id order;
     * patients never invited are the host's to add (see {@link #statuses(PracticeId, Collection)}).
     *
     * @param practiceId the practice
     * @param only the states to list; empty for all
     * @param after the {@link PatientStatus.Page#next()} of the previous page, or null for the first
     * @param limit the most patients on the page, 1 to 200
     * @return the page
     * @throws ValidationException when the limit or the cursor is out of range
     */
    public PatientStatus.Page statuses(
            PracticeId practiceId, Set<PatientStatus.State> only, @Nullable String after, int limit) {
        return tx.inTransaction(() -> statuses.page(practiceId, only, after, limit));
    }

    /**
     * Tells where each of the host's own patients stands (a page of its patient list), including
     * those never invited ({@link PatientStatus.State#NOT_INVITED}).
     *
     * @param practiceId the practice
     * @param patients the host's patient ids, at most 200; duplicates are answered once
     * @return the statuses, in the order given
     * @throws ValidationException when more than 200 patients are asked for
     */
    public List<PatientStatus> statuses(PracticeId practiceId, Collection<PatientId> patients) {
        return tx.inTransaction(() -> statuses.of(practiceId, patients));
    }

    private Invitation load(PracticeId practiceId, InvitationId invitationId) {
        return find(practiceId, invitationId).orElseThrow(() -> new InvitationNotFoundException(invitationId));
    }

    /**
     * What {@link #removeAccess} revoked.
     *
     * @param invitations open invitations revoked
     * @param grants access grants revoked
     */
    public record AccessRemoval(int invitations, int grants) {}
}
