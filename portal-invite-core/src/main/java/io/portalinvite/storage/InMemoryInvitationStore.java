package io.portalinvite.storage;

import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.internal.invitation.DateOfBirthAttempt;
import io.portalinvite.invitation.DuplicateInvitationException;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.invitation.InvitationStore.PurgedDigest;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link InvitationStore} in memory, for tests, demos and hosts without a database. Joins
 * transactions of the {@link InMemoryTransactionRunner} it is given, which makes its writes
 * all-or-nothing with the other in-memory stores'.
 */
final class InMemoryInvitationStore implements InvitationStore {

    private final InMemoryTransactionRunner tx;
    private final Map<InvitationId, Invitation> byId = new HashMap<>();
    private final Map<String, InvitationId> byDigest = new HashMap<>();
    private final Map<String, InvitationId> openByKey = new HashMap<>();

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    InMemoryInvitationStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Invitation invitation) {
        tx.update(undo -> {
            if (byId.containsKey(invitation.id())
                    || byDigest.containsKey(invitation.tokenDigest().hex())) {
                throw new DuplicateInvitationException("invitation id or token digest already stored");
            }
            if (open(
                                    invitation.practiceId(),
                                    invitation.patient().id(),
                                    invitation.invitee().email().lookupKey())
                            .isPresent()
                    && invitation.status().isOpen()) {
                throw new DuplicateInvitationException("an open invitation exists for this patient and invitee");
            }
            byId.put(invitation.id(), invitation);
            byDigest.put(invitation.tokenDigest().hex(), invitation.id());
            reindexOpen(null, invitation);
            undo.onRollback(() -> {
                byId.remove(invitation.id());
                byDigest.remove(invitation.tokenDigest().hex());
                reindexOpen(invitation, null);
            });
        });
    }

    @Override
    public Optional<Invitation> findById(InvitationId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<Invitation> findByTokenDigest(TokenDigest digest) {
        return tx.read(() -> Optional.ofNullable(byDigest.get(digest.hex())).map(byId::get));
    }

    @Override
    public Optional<Invitation> findOpen(PracticeId practiceId, PatientId patientId, String inviteeEmailKey) {
        return tx.read(() -> open(practiceId, patientId, inviteeEmailKey));
    }

    @Override
    public List<Invitation> findByPatient(PracticeId practiceId, PatientId patientId) {
        return tx.read(() -> byId.values().stream()
                .filter(i ->
                        i.practiceId().equals(practiceId) && i.patient().id().equals(patientId))
                .sorted(Comparator.comparing(Invitation::createdAt).thenComparing(i -> i.id().value()))
                .toList());
    }

    @Override
    public boolean update(Invitation updated) {
        return tx.mutate(undo -> {
            Invitation stored = byId.get(updated.id());
            if (stored == null || stored.version() != updated.version() - 1) {
                return false;
            }
            if (updated.status().isOpen() && !stored.status().isOpen()) {
                Optional<Invitation> other = open(
                        updated.practiceId(),
                        updated.patient().id(),
                        updated.invitee().email().lookupKey());
                if (other.isPresent()) {
                    throw new DuplicateInvitationException("an open invitation exists for this patient and invitee");
                }
            }
            if (!stored.tokenDigest().equals(updated.tokenDigest())) {
                InvitationId owner = byDigest.get(updated.tokenDigest().hex());
                if (owner != null) {
                    throw new DuplicateInvitationException("token digest already stored");
                }
                byDigest.remove(stored.tokenDigest().hex());
                byDigest.put(updated.tokenDigest().hex(), updated.id());
            }
            byId.put(updated.id(), updated);
            reindexOpen(stored, updated);
            undo.onRollback(() -> {
                byDigest.remove(updated.tokenDigest().hex());
                byDigest.put(stored.tokenDigest().hex(), stored.id());
                byId.put(stored.id(), stored);
                reindexOpen(updated, stored);
            });
            return true;
        });
    }

    @Override
    public boolean redeem(TokenDigest digest, Instant now) {
        return tx.mutate(undo -> {
            InvitationId id = byDigest.get(digest.hex());
            Invitation stored = id == null ? null : byId.get(id);
            if (stored == null || !stored.isUsable(now)) {
                return false;
            }
            Invitation accepted = stored.accepted(now);
            byId.put(id, accepted);
            reindexOpen(stored, accepted);
            undo.onRollback(() -> {
                byId.put(id, stored);
                reindexOpen(accepted, stored);
            });
            return true;
        });
    }

    @Override
    public DateOfBirthAttempt attemptDateOfBirth(
            TokenDigest digest, LocalDate presented, int maxFailures, Instant now) {
        // the transaction lock serialises this with every other change, as a row lock would
        return tx.mutate(undo -> {
            InvitationId id = byDigest.get(digest.hex());
            Invitation stored = id == null ? null : byId.get(id);
            if (stored == null || !stored.isUsable(now) || stored.dateOfBirthFailures() >= maxFailures) {
                return DateOfBirthAttempt.unusable();
            }
            if (stored.patient().dateOfBirth().equals(presented)) {
                return new DateOfBirthAttempt(DateOfBirthAttempt.Outcome.MATCHED, stored.dateOfBirthFailures());
            }
            Invitation failed = stored.withDateOfBirthFailure(now, maxFailures);
            byId.put(id, failed);
            reindexOpen(stored, failed);
            undo.onRollback(() -> {
                byId.put(id, stored);
                reindexOpen(failed, stored);
            });
            return new DateOfBirthAttempt(
                    failed.status() == InvitationStatus.REVOKED
                            ? DateOfBirthAttempt.Outcome.MISMATCHED_AND_REVOKED
                            : DateOfBirthAttempt.Outcome.MISMATCHED,
                    failed.dateOfBirthFailures());
        });
    }

    private Optional<Invitation> open(PracticeId practiceId, PatientId patientId, String inviteeEmailKey) {
        return Optional.ofNullable(openByKey.get(openKey(practiceId, patientId, inviteeEmailKey)))
                .map(byId::get);
    }

    /** Keeps the open-invitation index in step with a change from {@code before} to {@code after}. */
    private void reindexOpen(@Nullable Invitation before, @Nullable Invitation after) {
        if (before != null && before.status().isOpen()) {
            openByKey.remove(openKey(before));
        }
        if (after != null && after.status().isOpen()) {
            openByKey.put(openKey(after), after.id());
        }
    }

    private static String openKey(Invitation i) {
        return openKey(i.practiceId(), i.patient().id(), i.invitee().email().lookupKey());
    }

    private static String openKey(PracticeId practiceId, PatientId patientId, String emailKey) {
        return practiceId.value() + "|" + patientId.value() + "|" + emailKey;
    }

    @Override
    public List<PatientId> findPatientsByInviteeMobile(PracticeId practiceId, String e164, int limit) {
        return tx.read(() -> byId.values().stream()
                .filter(i -> i.practiceId().equals(practiceId)
                        && i.invitee().mobile() != null
                        && e164.equals(i.invitee().mobile().e164())
                        && (i.status().isOpen() || i.status() == InvitationStatus.ACCEPTED))
                .map(i -> i.patient().id())
                .distinct()
                .limit(limit)
                .toList());
    }

    private final Map<InvitationId, TokenNonce> remindedNonce = new HashMap<>();
    private final Map<InvitationId, Instant> purgedAt = new HashMap<>();

    @Override
    public List<Invitation> findExpiredOpen(Instant now, int limit) {
        return tx.read(() -> byId.values().stream()
                .filter(i -> i.status().isOpen() && !i.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Invitation::expiresAt).thenComparing(i -> i.id().value()))
                .limit(limit)
                .toList());
    }

    @Override
    public List<PracticeId> findPracticesWithSentInvitations() {
        return tx.read(() -> byId.values().stream()
                .filter(i -> i.status() == InvitationStatus.SENT)
                .map(Invitation::practiceId)
                .distinct()
                .toList());
    }

    @Override
    public List<Invitation> findReminderDue(PracticeId practiceId, Instant now, Instant expiringBy, int limit) {
        return tx.read(() -> byId.values().stream()
                .filter(i -> i.practiceId().equals(practiceId)
                        && i.status() == InvitationStatus.SENT
                        && i.expiresAt().isAfter(now)
                        && !i.expiresAt().isAfter(expiringBy)
                        && !i.tokenNonce().equals(remindedNonce.get(i.id())))
                .sorted(Comparator.comparing(Invitation::expiresAt).thenComparing(i -> i.id().value()))
                .limit(limit)
                .toList());
    }

    @Override
    public boolean markReminded(InvitationId id, TokenNonce nonce) {
        return tx.mutate(undo -> {
            Invitation stored = byId.get(id);
            if (stored == null
                    || stored.status() != InvitationStatus.SENT
                    || !stored.tokenNonce().equals(nonce)
                    || nonce.equals(remindedNonce.get(id))) {
                return false;
            }
            TokenNonce before = remindedNonce.put(id, nonce);
            undo.onRollback(() -> {
                if (before == null) {
                    remindedNonce.remove(id);
                } else {
                    remindedNonce.put(id, before);
                }
            });
            return true;
        });
    }

    @Override
    public int purgeClosedTokenDigests(Instant closedBefore, Instant now, int limit) {
        return tx.mutate(undo -> {
            List<Invitation> due = byId.values().stream()
                    .filter(i -> (i.status() == InvitationStatus.EXPIRED || i.status() == InvitationStatus.REVOKED)
                            && i.updatedAt().isBefore(closedBefore)
                            && !purgedAt.containsKey(i.id()))
                    .sorted(Comparator.comparing(Invitation::updatedAt))
                    .limit(limit)
                    .toList();
            for (Invitation stored : due) {
                Invitation purged = Invitation.builder()
                        .id(stored.id())
                        .practiceId(stored.practiceId())
                        .patient(stored.patient())
                        .invitee(stored.invitee())
                        .channels(stored.channels())
                        .origin(stored.origin())
                        .status(stored.status())
                        .tokenNonce(stored.tokenNonce())
                        .tokenDigest(PurgedDigest.of(stored.id()))
                        .issuedAt(stored.issuedAt())
                        .expiresAt(stored.expiresAt())
                        .createdAt(stored.createdAt())
                        .createdBy(stored.createdBy())
                        .resendCount(stored.resendCount())
                        .dateOfBirthFailures(stored.dateOfBirthFailures())
                        .acceptedAt(stored.acceptedAt())
                        .revokedAt(stored.revokedAt())
                        .revocationReason(stored.revocationReason())
                        .updatedAt(stored.updatedAt())
                        .version(stored.version() + 1)
                        .build();
                byId.put(stored.id(), purged);
                byDigest.remove(stored.tokenDigest().hex());
                byDigest.put(purged.tokenDigest().hex(), stored.id());
                purgedAt.put(stored.id(), now);
                undo.onRollback(() -> {
                    byId.put(stored.id(), stored);
                    byDigest.remove(purged.tokenDigest().hex());
                    byDigest.put(stored.tokenDigest().hex(), stored.id());
                    purgedAt.remove(stored.id());
                });
            }
            return due.size();
        });
    }

    /** The patients of a practice with at least one invitation; call inside a read. */
    java.util.stream.Stream<PatientId> patientIds(PracticeId practiceId) {
        return byId.values().stream()
                .filter(i -> i.practiceId().equals(practiceId))
                .map(i -> i.patient().id());
    }
}
