package io.portalinvite.storage;

import io.portalinvite.common.AccountId;
import io.portalinvite.reset.PasswordResetRequest;
import io.portalinvite.reset.PasswordResetRequest.PasswordResetStatus;
import io.portalinvite.reset.PasswordResetStore;
import io.portalinvite.token.TokenDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link PasswordResetStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
final class InMemoryPasswordResetStore implements PasswordResetStore {

    private final InMemoryTransactionRunner tx;
    private final Map<UUID, PasswordResetRequest> byId = new LinkedHashMap<>();

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    InMemoryPasswordResetStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public void insert(PasswordResetRequest request) {
        tx.update(undo -> {
            boolean digestTaken =
                    byId.values().stream().anyMatch(r -> r.tokenDigest().equals(request.tokenDigest()));
            if (byId.containsKey(request.id()) || digestTaken) {
                throw new IllegalStateException("reset id or token digest already stored");
            }
            byId.put(request.id(), request);
            undo.onRollback(() -> byId.remove(request.id()));
        });
    }

    @Override
    public Optional<PasswordResetRequest> findById(UUID id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<PasswordResetRequest> findByTokenDigest(TokenDigest digest) {
        return tx.read(() -> byId.values().stream()
                .filter(r -> r.tokenDigest().equals(digest))
                .findFirst());
    }

    @Override
    public boolean redeem(TokenDigest digest, Instant now) {
        return tx.mutate(undo -> {
            Optional<PasswordResetRequest> found = byId.values().stream()
                    .filter(r -> r.tokenDigest().equals(digest))
                    .findFirst();
            if (found.isEmpty() || !found.get().isUsable(now)) {
                return false;
            }
            PasswordResetRequest r = found.get();
            replace(
                    r,
                    new PasswordResetRequest(
                            r.id(),
                            r.accountId(),
                            r.practiceId(),
                            PasswordResetStatus.USED,
                            r.tokenNonce(),
                            r.tokenDigest(),
                            r.createdAt(),
                            r.expiresAt(),
                            now),
                    undo);
            return true;
        });
    }

    @Override
    public int supersedeOpen(AccountId accountId) {
        return tx.mutate(undo -> {
            int count = 0;
            for (PasswordResetRequest r : new ArrayList<>(byId.values())) {
                if (accountId.equals(r.accountId()) && r.status() == PasswordResetStatus.OPEN) {
                    replace(
                            r,
                            new PasswordResetRequest(
                                    r.id(),
                                    r.accountId(),
                                    r.practiceId(),
                                    PasswordResetStatus.SUPERSEDED,
                                    r.tokenNonce(),
                                    r.tokenDigest(),
                                    r.createdAt(),
                                    r.expiresAt(),
                                    null),
                            undo);
                    count++;
                }
            }
            return count;
        });
    }

    @Override
    public int countSince(AccountId accountId, Instant since) {
        return tx.read(() -> (int) byId.values().stream()
                .filter(r -> accountId.equals(r.accountId()) && !r.createdAt().isBefore(since))
                .count());
    }

    @Override
    public int purgeExpired(Instant expiredBefore, int limit) {
        return tx.mutate(undo -> {
            List<PasswordResetRequest> old = byId.values().stream()
                    .filter(r -> r.expiresAt().isBefore(expiredBefore))
                    .sorted(Comparator.comparing(PasswordResetRequest::expiresAt))
                    .limit(limit)
                    .toList();
            for (PasswordResetRequest r : old) {
                byId.remove(r.id());
                undo.onRollback(() -> byId.put(r.id(), r));
            }
            return old.size();
        });
    }

    private void replace(
            PasswordResetRequest before, PasswordResetRequest after, InMemoryTransactionRunner.UndoLog undo) {
        byId.put(after.id(), after);
        undo.onRollback(() -> byId.put(before.id(), before));
    }
}
