package io.portalinvite.storage;

import io.portalinvite.common.Channel;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.OutboxStore.OutboxBacklog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link OutboxStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
final class InMemoryOutboxStore implements OutboxStore {

    private static final Comparator<OutboundMessage> DUE_ORDER = Comparator.comparing(OutboundMessage::nextAttemptAt)
            .thenComparing(m -> m.kind().ordinal())
            .thenComparing(OutboundMessage::createdAt);

    private final InMemoryTransactionRunner tx;
    private final Map<UUID, OutboundMessage> messages = new LinkedHashMap<>();

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    InMemoryOutboxStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public void insert(OutboundMessage message) {
        tx.update(undo -> {
            if (messages.putIfAbsent(message.id(), message) != null) {
                throw new IllegalStateException("message id already stored");
            }
            undo.onRollback(() -> messages.remove(message.id()));
        });
    }

    @Override
    public List<OutboundMessage> claimDue(
            Instant now, int limit, String claimId, Instant leaseUntil, Set<Channel> channels) {
        return tx.mutate(undo -> {
            List<OutboundMessage> due = messages.values().stream()
                    .filter(m -> m.status() == MessageStatus.PENDING
                            && channels.contains(m.channel())
                            && !m.nextAttemptAt().isAfter(now)
                            && !isClaimed(m, now))
                    .sorted(DUE_ORDER)
                    .limit(limit)
                    .toList();
            List<OutboundMessage> claimed = new ArrayList<>(due.size());
            for (OutboundMessage m : due) {
                OutboundMessage c = m.claimed(claimId, leaseUntil, m.claimId() != null);
                messages.put(m.id(), c.claimed(claimId, leaseUntil));
                undo.onRollback(() -> messages.put(m.id(), m));
                claimed.add(c);
            }
            return claimed;
        });
    }

    @Override
    public int renewClaim(String claimId, Collection<UUID> ids, Instant leaseUntil) {
        return tx.mutate(undo -> {
            int renewed = 0;
            for (UUID id : ids) {
                OutboundMessage stored = messages.get(id);
                if (stored != null && claimId.equals(stored.claimId()) && stored.status() == MessageStatus.PENDING) {
                    messages.put(id, stored.claimed(claimId, leaseUntil));
                    undo.onRollback(() -> messages.put(id, stored));
                    renewed++;
                }
            }
            return renewed;
        });
    }

    @Override
    public int release(String claimId, Collection<UUID> ids) {
        return tx.mutate(undo -> {
            int released = 0;
            for (UUID id : ids) {
                OutboundMessage stored = messages.get(id);
                if (stored != null && claimId.equals(stored.claimId()) && stored.status() == MessageStatus.PENDING) {
                    messages.put(id, stored.postponed(stored.nextAttemptAt()));
                    undo.onRollback(() -> messages.put(id, stored));
                    released++;
                }
            }
            return released;
        });
    }

    @Override
    public boolean complete(OutboundMessage updated, String claimId) {
        return tx.mutate(undo -> {
            OutboundMessage stored = messages.get(updated.id());
            if (stored == null || !claimId.equals(stored.claimId()) || stored.status() != MessageStatus.PENDING) {
                return false;
            }
            messages.put(updated.id(), unmarked(updated));
            undo.onRollback(() -> messages.put(stored.id(), stored));
            return true;
        });
    }

    @Override
    public boolean cancel(UUID id, String reason, Instant now) {
        return tx.mutate(undo -> {
            OutboundMessage stored = messages.get(id);
            if (stored == null || stored.status() != MessageStatus.PENDING || isClaimed(stored, now)) {
                return false;
            }
            messages.put(id, stored.cancelled(reason));
            undo.onRollback(() -> messages.put(id, stored));
            return true;
        });
    }

    @Override
    public Optional<OutboundMessage> findById(UUID id) {
        return tx.read(() -> Optional.ofNullable(messages.get(id)));
    }

    @Override
    public List<OutboundMessage> findBySubject(UUID subjectId) {
        return tx.read(() -> messages.values().stream()
                .filter(m -> m.subjectId().equals(subjectId))
                .sorted(Comparator.comparing(OutboundMessage::createdAt))
                .toList());
    }

    @Override
    public OutboxBacklog backlog(Instant now) {
        return tx.read(() -> {
            long pending = 0;
            long due = 0;
            long failed = 0;
            Instant oldest = null;
            for (OutboundMessage m : messages.values()) {
                if (m.status() == MessageStatus.FAILED) {
                    failed++;
                } else if (m.status() == MessageStatus.PENDING) {
                    pending++;
                    if (!m.nextAttemptAt().isAfter(now) && !isClaimed(m, now)) {
                        due++;
                        oldest = oldest == null || m.nextAttemptAt().isBefore(oldest) ? m.nextAttemptAt() : oldest;
                    }
                }
            }
            return new OutboxBacklog(pending, due, oldest, failed);
        });
    }

    /**
     * Lists every message, for tests and demos.
     *
     * @return all messages in insertion order
     */
    public List<OutboundMessage> all() {
        return tx.read(() -> List.copyOf(messages.values()));
    }

    /** The lapsed-claim mark is a claim's finding, never stored (as in the JDBC store). */
    private static OutboundMessage unmarked(OutboundMessage m) {
        if (!m.previousClaimLapsed()) {
            return m;
        }
        return new OutboundMessage(
                m.id(),
                m.practiceId(),
                m.subjectId(),
                m.kind(),
                m.recipient(),
                m.tokenNonce(),
                m.status(),
                m.attempts(),
                m.nextAttemptAt(),
                m.claimId(),
                m.leaseUntil(),
                m.lastError(),
                m.createdAt(),
                m.sentAt(),
                m.internetMessageId(),
                false);
    }

    private static boolean isClaimed(OutboundMessage m, Instant now) {
        return m.claimId() != null && Objects.requireNonNull(m.leaseUntil()).isAfter(now);
    }

    private final Map<String, Instant> nextSlot = new java.util.HashMap<>();

    @Override
    public Instant reserveSendSlots(
            PracticeId practiceId, Channel channel, int count, Instant now, java.time.Duration interval) {
        if (count < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("count must be at least 1 and interval positive");
        }
        return tx.mutate(undo -> {
            String key = practiceId.value() + "|" + channel;
            Instant before = nextSlot.get(key);
            Instant first = before == null || before.isBefore(now) ? now : before;
            nextSlot.put(key, first.plus(interval.multipliedBy(count)));
            undo.onRollback(() -> {
                if (before == null) {
                    nextSlot.remove(key);
                } else {
                    nextSlot.put(key, before);
                }
            });
            return first;
        });
    }
}
