package io.portalinvite.storage;

import io.portalinvite.authenticator.AuthenticatorStore;
import io.portalinvite.authenticator.PasskeyCredential;
import io.portalinvite.authenticator.TotpEnrolment;
import io.portalinvite.common.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link AuthenticatorStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
final class InMemoryAuthenticatorStore implements AuthenticatorStore {

    private final InMemoryTransactionRunner tx;
    private final Map<AccountId, TotpEnrolment> totp = new HashMap<>();
    /** Per account: code digest to when it was used (null while unused). */
    private final Map<AccountId, Map<String, @Nullable Instant>> recoveryCodes = new HashMap<>();

    private final Map<String, PasskeyCredential> passkeys = new LinkedHashMap<>();

    InMemoryAuthenticatorStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public void saveTotp(TotpEnrolment enrolment) {
        tx.update(undo -> put(totp, enrolment.accountId(), enrolment, undo));
    }

    @Override
    public Optional<TotpEnrolment> findTotp(AccountId account) {
        return tx.read(() -> Optional.ofNullable(totp.get(account)));
    }

    @Override
    public boolean confirmTotp(AccountId account, long step, Instant now) {
        return tx.mutate(undo -> {
            TotpEnrolment e = totp.get(account);
            if (e == null || e.confirmed() || step <= e.lastUsedStep()) {
                return false;
            }
            put(totp, account, new TotpEnrolment(account, e.sealedSecret(), e.createdAt(), now, step, now), undo);
            return true;
        });
    }

    @Override
    public boolean useTotpStep(AccountId account, long step, Instant now) {
        return tx.mutate(undo -> {
            TotpEnrolment e = totp.get(account);
            if (e == null || !e.confirmed() || step <= e.lastUsedStep()) {
                return false;
            }
            put(
                    totp,
                    account,
                    new TotpEnrolment(account, e.sealedSecret(), e.createdAt(), e.confirmedAt(), step, now),
                    undo);
            return true;
        });
    }

    @Override
    public boolean deleteTotp(AccountId account) {
        return tx.mutate(undo -> {
            TotpEnrolment removed = totp.remove(account);
            if (removed == null) {
                return false;
            }
            undo.onRollback(() -> totp.put(account, removed));
            return true;
        });
    }

    @Override
    public void replaceRecoveryCodes(AccountId account, List<String> digests, Instant now) {
        tx.update(undo -> {
            Map<String, @Nullable Instant> fresh = new HashMap<>();
            for (String digest : digests) {
                if (fresh.put(digest, null) != null || digest.length() != 43) {
                    throw new IllegalArgumentException("recovery code digests must be 43 characters and distinct");
                }
            }
            Map<String, @Nullable Instant> before = recoveryCodes.put(account, fresh);
            undo.onRollback(() -> restore(account, before));
        });
    }

    @Override
    public boolean useRecoveryCode(AccountId account, String digest, Instant now) {
        return tx.mutate(undo -> {
            Map<String, @Nullable Instant> codes = recoveryCodes.get(account);
            if (codes == null || !codes.containsKey(digest) || codes.get(digest) != null) {
                return false;
            }
            codes.put(digest, now);
            undo.onRollback(() -> codes.put(digest, null));
            return true;
        });
    }

    @Override
    public int unusedRecoveryCodes(AccountId account) {
        return tx.read(() -> {
            Map<String, @Nullable Instant> codes = recoveryCodes.get(account);
            return codes == null
                    ? 0
                    : (int) codes.values().stream().filter(used -> used == null).count();
        });
    }

    @Override
    public int deleteRecoveryCodes(AccountId account) {
        return tx.mutate(undo -> {
            Map<String, @Nullable Instant> before = recoveryCodes.remove(account);
            undo.onRollback(() -> restore(account, before));
            return before == null ? 0 : before.size();
        });
    }

    @Override
    public boolean insertPasskey(PasskeyCredential credential) {
        return tx.mutate(undo -> {
            if (passkeys.containsKey(credential.credentialId())) {
                return false;
            }
            put(passkeys, credential.credentialId(), credential, undo);
            return true;
        });
    }

    @Override
    public Optional<PasskeyCredential> findPasskey(String credentialId) {
        return tx.read(() -> Optional.ofNullable(passkeys.get(credentialId)));
    }

    @Override
    public List<PasskeyCredential> findPasskeys(AccountId account) {
        return tx.read(() -> {
            List<PasskeyCredential> found = new ArrayList<>();
            for (PasskeyCredential p : passkeys.values()) {
                if (p.accountId().equals(account)) {
                    found.add(p);
                }
            }
            found.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
            return List.copyOf(found);
        });
    }

    @Override
    public boolean recordPasskeyUse(String credentialId, long signatureCount, Instant now) {
        return tx.mutate(undo -> {
            PasskeyCredential p = passkeys.get(credentialId);
            if (p == null
                    || !(signatureCount > p.signatureCount() || (signatureCount == 0 && p.signatureCount() == 0))) {
                return false;
            }
            put(
                    passkeys,
                    credentialId,
                    new PasskeyCredential(
                            p.credentialId(),
                            p.accountId(),
                            p.publicKeyCose(),
                            signatureCount,
                            p.transports(),
                            p.userHandle(),
                            p.label(),
                            p.createdAt(),
                            now),
                    undo);
            return true;
        });
    }

    @Override
    public boolean renamePasskey(AccountId account, String credentialId, String label) {
        return tx.mutate(undo -> {
            PasskeyCredential p = passkeys.get(credentialId);
            if (p == null || !p.accountId().equals(account)) {
                return false;
            }
            put(
                    passkeys,
                    credentialId,
                    new PasskeyCredential(
                            p.credentialId(),
                            p.accountId(),
                            p.publicKeyCose(),
                            p.signatureCount(),
                            p.transports(),
                            p.userHandle(),
                            label,
                            p.createdAt(),
                            p.lastUsedAt()),
                    undo);
            return true;
        });
    }

    @Override
    public boolean deletePasskey(AccountId account, String credentialId) {
        return tx.mutate(undo -> {
            PasskeyCredential p = passkeys.get(credentialId);
            if (p == null || !p.accountId().equals(account)) {
                return false;
            }
            passkeys.remove(credentialId);
            undo.onRollback(() -> passkeys.put(credentialId, p));
            return true;
        });
    }

    private void restore(AccountId account, @Nullable Map<String, @Nullable Instant> before) {
        if (before == null) {
            recoveryCodes.remove(account);
        } else {
            recoveryCodes.put(account, before);
        }
    }

    private static <K, V> void put(Map<K, V> map, K key, V value, InMemoryTransactionRunner.UndoLog undo) {
        V before = map.put(key, value);
        undo.onRollback(() -> {
            if (before == null) {
                map.remove(key);
            } else {
                map.put(key, before);
            }
        });
    }
}
