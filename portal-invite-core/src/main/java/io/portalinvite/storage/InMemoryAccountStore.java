package io.portalinvite.storage;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.DuplicateAccountException;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link AccountStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
final class InMemoryAccountStore implements AccountStore {

    private static final Comparator<PatientAccess> OLDEST_FIRST = Comparator.comparing(PatientAccess::grantedAt)
            .thenComparing(a -> a.id().value().toString());

    private final InMemoryTransactionRunner tx;
    private final Map<AccountId, PortalAccount> byId = new HashMap<>();
    private final Map<String, AccountId> byEmail = new HashMap<>();
    private final Map<AccessId, PatientAccess> access = new LinkedHashMap<>();

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    InMemoryAccountStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public void insert(PortalAccount account) {
        tx.update(undo -> {
            String key = account.email().lookupKey();
            if (byEmail.containsKey(key) || byId.containsKey(account.id())) {
                throw new DuplicateAccountException();
            }
            byId.put(account.id(), account);
            byEmail.put(key, account.id());
            undo.onRollback(() -> {
                byId.remove(account.id());
                byEmail.remove(key);
            });
        });
    }

    @Override
    public Optional<PortalAccount> findById(AccountId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<PortalAccount> findByEmail(String emailLookupKey) {
        return tx.read(() -> Optional.ofNullable(byEmail.get(emailLookupKey)).map(byId::get));
    }

    @Override
    public boolean update(PortalAccount updated) {
        return tx.mutate(undo -> {
            PortalAccount stored = byId.get(updated.id());
            if (stored == null
                    || stored.version() != updated.version() - 1
                    || !stored.email().lookupKey().equals(updated.email().lookupKey())) {
                return false;
            }
            byId.put(updated.id(), updated);
            undo.onRollback(() -> byId.put(stored.id(), stored));
            return true;
        });
    }

    @Override
    public void insertAccess(PatientAccess grant) {
        tx.update(undo -> {
            if (access.containsKey(grant.id())) {
                throw new IllegalStateException("access grant id already stored");
            }
            access.put(grant.id(), grant);
            undo.onRollback(() -> access.remove(grant.id()));
        });
    }

    @Override
    public boolean updateAccess(PatientAccess grant) {
        return tx.mutate(undo -> {
            PatientAccess stored = access.get(grant.id());
            if (stored == null) {
                return false;
            }
            access.put(grant.id(), grant);
            undo.onRollback(() -> access.put(stored.id(), stored));
            return true;
        });
    }

    @Override
    public List<PatientAccess> findAccessByAccount(AccountId accountId) {
        return tx.read(() -> access.values().stream()
                .filter(a -> a.accountId().equals(accountId))
                .sorted(OLDEST_FIRST)
                .toList());
    }

    @Override
    public List<PatientAccess> findAccessByPatient(PracticeId practiceId, PatientId patientId) {
        return tx.read(() -> access.values().stream()
                .filter(a -> a.practiceId().equals(practiceId) && a.patientId().equals(patientId))
                .sorted(OLDEST_FIRST)
                .toList());
    }

    @Override
    public Optional<PatientAccess> findAccessById(AccessId id) {
        return tx.read(() -> Optional.ofNullable(access.get(id)));
    }

    @Override
    public List<PatientAccess> findAccessToReview(@Nullable AccessId after, int limit) {
        return tx.read(() -> access.values().stream()
                .filter(a -> a.revokedAt() == null && a.endReason() == null)
                .filter(a -> after == null
                        || a.id().value().toString().compareTo(after.value().toString()) > 0)
                .sorted(Comparator.comparing(a -> a.id().value().toString()))
                .limit(limit)
                .toList());
    }

    @Override
    public boolean updateAccessIfOpen(PatientAccess grant, AccessScope expectedScope) {
        return tx.mutate(undo -> {
            PatientAccess stored = access.get(grant.id());
            if (stored == null
                    || stored.revokedAt() != null
                    || stored.endReason() != null
                    || stored.scope() != expectedScope) {
                return false;
            }
            access.put(grant.id(), grant);
            undo.onRollback(() -> access.put(stored.id(), stored));
            return true;
        });
    }

    /** The patients of a practice with at least one access grant; call inside a read. */
    java.util.stream.Stream<PatientId> patientIdsWithAccess(PracticeId practiceId) {
        return access.values().stream()
                .filter(a -> a.practiceId().equals(practiceId))
                .map(PatientAccess::patientId);
    }
}
