package io.portalinvite.invitation;

import io.portalinvite.account.AccessService;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.PatientStatus.State;
import io.portalinvite.settings.SettingsService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Works out each patient's {@link PatientStatus} from the stores: the invitations, whether the
 * current link was opened (the audit's "viewed" entries since it was issued) and the access grants.
 * Staff pages read it; nothing is written.
 */
final class PatientStatuses {

    /** Largest page staff may ask for. */
    static final int MAX_PAGE_SIZE = 200;

    private final InvitationStore invitations;
    private final AccessService access;
    private final AuditStore audit;
    private final InviteStorage invites;
    private final SettingsService settings;
    private final Clock clock;

    PatientStatuses(
            InvitationStore invitations,
            AccessService access,
            AuditStore audit,
            InviteStorage invites,
            SettingsService settings,
            Clock clock) {
        this.invitations = invitations;
        this.access = access;
        this.audit = audit;
        this.invites = invites;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One page of the practice's patients the library holds anything for, optionally only those in
     * some states. Reads patients in id order, a chunk at a time, until the page is full: a rare state
     * costs more reads, never a wrong page.
     */
    PatientStatus.Page page(PracticeId practiceId, Set<State> only, @Nullable String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new ValidationException("limit", "range", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Set<State> wanted = only.isEmpty() ? EnumSet.allOf(State.class) : EnumSet.copyOf(only);
        Instant now = clock.instant();
        LocalDate today = today(practiceId, now);
        List<PatientStatus> items = new ArrayList<>();
        PatientId cursor = after == null || after.isBlank() ? null : PatientId.parse("after", after);
        while (true) {
            List<PatientId> chunk = invites.findPatients(practiceId, cursor, limit + 1);
            for (int i = 0; i < Math.min(chunk.size(), limit); i++) {
                PatientId patient = chunk.get(i);
                cursor = patient;
                PatientStatus status = of(practiceId, patient, now, today);
                if (wanted.contains(status.state())) {
                    items.add(status);
                    if (items.size() == limit) {
                        boolean more = i + 1 < chunk.size();
                        return new PatientStatus.Page(items, more ? patient.value() : null);
                    }
                }
            }
            if (chunk.size() <= limit) {
                return new PatientStatus.Page(items, null);
            }
        }
    }

    /** The statuses of the host's own patients, in the order given; those never invited included. */
    List<PatientStatus> of(PracticeId practiceId, Collection<PatientId> patients) {
        if (patients.size() > MAX_PAGE_SIZE) {
            throw new ValidationException("patients", "too_many", "must be at most " + MAX_PAGE_SIZE + " at a time");
        }
        Instant now = clock.instant();
        LocalDate today = today(practiceId, now);
        List<PatientStatus> out = new ArrayList<>();
        for (PatientId patient : new LinkedHashSet<>(patients)) {
            out.add(of(practiceId, patient, now, today));
        }
        return out;
    }

    private LocalDate today(PracticeId practiceId, Instant now) {
        return LocalDate.ofInstant(now, settings.get(practiceId).practice().timeZone());
    }

    private PatientStatus of(PracticeId practiceId, PatientId patient, Instant now, LocalDate today) {
        List<Invitation> history = invitations.findByPatient(practiceId, patient);
        List<PatientAccess> grants = access.forPatient(practiceId, patient);
        Invitation current = history.stream()
                .filter(i -> i.isUsable(now))
                .max(Comparator.comparing(Invitation::createdAt))
                .orElse(history.isEmpty() ? null : history.get(history.size() - 1));
        return new PatientStatus(patient, state(current, grants, now, today), current, grants);
    }

    private State state(@Nullable Invitation current, List<PatientAccess> grants, Instant now, LocalDate today) {
        if (grants.stream()
                .anyMatch(g -> g.revokedAt() == null && (g.endsOn() == null || today.isBefore(g.endsOn())))) {
            return State.REGISTERED;
        }
        if (current == null || !current.isUsable(now) && !grants.isEmpty()) {
            // every grant revoked or ended, and no usable link: access was taken away
            return grants.isEmpty() ? State.NOT_INVITED : State.REVOKED;
        }
        return switch (current.effectiveStatus(now)) {
            case PENDING -> opened(current) ? State.OPENED : State.INVITED;
            case SENT -> opened(current) ? State.OPENED : State.DELIVERED;
            case DELIVERY_FAILED -> State.DELIVERY_FAILED;
            case EXPIRED -> State.EXPIRED;
            // accepted, yet no grant is active: it was revoked or ended since
            case ACCEPTED, REVOKED -> State.REVOKED;
        };
    }

    /** Whether the current link was opened: a "viewed" entry since it was issued. */
    private boolean opened(Invitation invitation) {
        return audit.findByInvitation(invitation.id()).stream()
                .anyMatch(e -> e.action() == AuditAction.INVITATION_VIEWED
                        && !e.occurredAt().isBefore(invitation.issuedAt()));
    }
}
