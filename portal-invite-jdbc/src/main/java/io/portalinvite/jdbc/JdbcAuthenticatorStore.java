package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.ts;

import io.portalinvite.authenticator.AuthenticatorStore;
import io.portalinvite.authenticator.PasskeyCredential;
import io.portalinvite.authenticator.TotpEnrolment;
import io.portalinvite.common.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link AuthenticatorStore} on tables {@code pi_totp} (one row per account), {@code pi_recovery_code}
 * (one row per code digest) and {@code pi_passkey} (one row per credential). Every "use" is one
 * conditional {@code UPDATE} whose row count says whether this caller won: the database's row lock
 * makes concurrent callers, on any number of nodes, take turns.
 */
final class JdbcAuthenticatorStore implements AuthenticatorStore {

    private static final String TOTP_COLUMNS =
            "account_id, sealed_secret, created_at, confirmed_at, last_used_step, last_used_at";
    private static final String PASSKEY_COLUMNS = "credential_id, account_id, public_key_cose, signature_count, "
            + "transports, user_handle, label, created_at, last_used_at";

    /** What a credential id can be; anything else names no row and is not sent to the database. */
    private static final Pattern CREDENTIAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,1364}");

    private final Sql sql;
    private final DatabasePlatform platform;

    JdbcAuthenticatorStore(Sql sql, DatabasePlatform platform) {
        this.sql = sql;
        this.platform = platform;
    }

    @Override
    public void saveTotp(TotpEnrolment e) {
        int updated = sql.update(
                "replace totp enrolment",
                "UPDATE pi_totp SET sealed_secret = ?, created_at = ?, confirmed_at = ?, last_used_step = ?, "
                        + "last_used_at = ? WHERE account_id = ?",
                e.sealedSecret(),
                ts(e.createdAt()),
                ts(e.confirmedAt()),
                e.lastUsedStep(),
                ts(e.lastUsedAt()),
                e.accountId().value());
        if (updated == 0) {
            sql.update(
                    "insert totp enrolment",
                    "INSERT INTO pi_totp (" + TOTP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    e.accountId().value(),
                    e.sealedSecret(),
                    ts(e.createdAt()),
                    ts(e.confirmedAt()),
                    e.lastUsedStep(),
                    ts(e.lastUsedAt()));
        }
    }

    @Override
    public Optional<TotpEnrolment> findTotp(AccountId account) {
        return sql.queryOne(
                "find totp enrolment",
                "SELECT " + TOTP_COLUMNS + " FROM pi_totp WHERE account_id = ?",
                JdbcAuthenticatorStore::totp,
                account.value());
    }

    @Override
    public boolean confirmTotp(AccountId account, long step, Instant now) {
        return sql.update(
                        "confirm totp enrolment",
                        "UPDATE pi_totp SET confirmed_at = ?, last_used_step = ?, last_used_at = ? "
                                + "WHERE account_id = ? AND confirmed_at IS NULL AND last_used_step < ?",
                        ts(now),
                        step,
                        ts(now),
                        account.value(),
                        step)
                == 1;
    }

    @Override
    public boolean useTotpStep(AccountId account, long step, Instant now) {
        return sql.update(
                        "use totp step",
                        "UPDATE pi_totp SET last_used_step = ?, last_used_at = ? "
                                + "WHERE account_id = ? AND confirmed_at IS NOT NULL AND last_used_step < ?",
                        step,
                        ts(now),
                        account.value(),
                        step)
                == 1;
    }

    @Override
    public boolean deleteTotp(AccountId account) {
        return sql.update("delete totp enrolment", "DELETE FROM pi_totp WHERE account_id = ?", account.value()) == 1;
    }

    @Override
    public void replaceRecoveryCodes(AccountId account, List<String> digests, Instant now) {
        if (digests.stream().distinct().count() != digests.size()
                || digests.stream().anyMatch(d -> d.length() != 43)) {
            throw new IllegalArgumentException("recovery code digests must be 43 characters and distinct");
        }
        sql.update("delete recovery codes", "DELETE FROM pi_recovery_code WHERE account_id = ?", account.value());
        for (String digest : digests) {
            sql.update(
                    "insert recovery code",
                    "INSERT INTO pi_recovery_code (account_id, code_digest, created_at, used_at) VALUES (?, ?, ?, ?)",
                    account.value(),
                    digest,
                    ts(now),
                    ts(null));
        }
    }

    @Override
    public boolean useRecoveryCode(AccountId account, String digest, Instant now) {
        return sql.update(
                        "use recovery code",
                        "UPDATE pi_recovery_code SET used_at = ? "
                                + "WHERE account_id = ? AND code_digest = ? AND used_at IS NULL",
                        ts(now),
                        account.value(),
                        digest)
                == 1;
    }

    @Override
    public int unusedRecoveryCodes(AccountId account) {
        return sql.queryOne(
                        "count recovery codes",
                        "SELECT COUNT(*) FROM pi_recovery_code WHERE account_id = ? AND used_at IS NULL",
                        rs -> rs.getInt(1),
                        account.value())
                .orElse(0);
    }

    @Override
    public int deleteRecoveryCodes(AccountId account) {
        return sql.update(
                "delete recovery codes", "DELETE FROM pi_recovery_code WHERE account_id = ?", account.value());
    }

    @Override
    public boolean insertPasskey(PasskeyCredential p) {
        String columns = "(" + PASSKEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String insert = switch (platform) {
            case POSTGRESQL -> "INSERT INTO pi_passkey " + columns + " ON CONFLICT (credential_id) DO NOTHING";
            case MARIADB -> "INSERT IGNORE INTO pi_passkey " + columns;
            case H2 -> "INSERT INTO pi_passkey " + columns;
        };
        try {
            return sql.update(
                            "insert passkey",
                            insert,
                            p.credentialId(),
                            p.accountId().value(),
                            p.publicKeyCose(),
                            p.signatureCount(),
                            String.join(",", p.transports()),
                            p.userHandle(),
                            p.label(),
                            ts(p.createdAt()),
                            ts(p.lastUsedAt()))
                    == 1;
        } catch (JdbcStoreException e) {
            // H2 only: a failed statement there leaves the transaction usable
            if (platform == DatabasePlatform.H2 && Sql.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<PasskeyCredential> findPasskey(String credentialId) {
        if (!CREDENTIAL_ID.matcher(credentialId).matches()) {
            return Optional.empty();
        }
        return sql.queryOne(
                "find passkey",
                "SELECT " + PASSKEY_COLUMNS + " FROM pi_passkey WHERE credential_id = ?",
                JdbcAuthenticatorStore::passkey,
                credentialId);
    }

    @Override
    public List<PasskeyCredential> findPasskeys(AccountId account) {
        return sql.query(
                "find passkeys",
                "SELECT " + PASSKEY_COLUMNS
                        + " FROM pi_passkey WHERE account_id = ? ORDER BY created_at, credential_id",
                JdbcAuthenticatorStore::passkey,
                account.value());
    }

    @Override
    public boolean recordPasskeyUse(String credentialId, long signatureCount, Instant now) {
        if (!CREDENTIAL_ID.matcher(credentialId).matches()) {
            return false;
        }
        return sql.update(
                        "record passkey use",
                        "UPDATE pi_passkey SET signature_count = ?, last_used_at = ? WHERE credential_id = ? "
                                + "AND (signature_count < ? OR (signature_count = 0 AND ? = 0))",
                        signatureCount,
                        ts(now),
                        credentialId,
                        signatureCount,
                        signatureCount)
                == 1;
    }

    @Override
    public boolean renamePasskey(AccountId account, String credentialId, String label) {
        if (!CREDENTIAL_ID.matcher(credentialId).matches()) {
            return false;
        }
        return sql.update(
                        "rename passkey",
                        "UPDATE pi_passkey SET label = ? WHERE credential_id = ? AND account_id = ?",
                        label,
                        credentialId,
                        account.value())
                == 1;
    }

    @Override
    public boolean deletePasskey(AccountId account, String credentialId) {
        if (!CREDENTIAL_ID.matcher(credentialId).matches()) {
            return false;
        }
        return sql.update(
                        "delete passkey",
                        "DELETE FROM pi_passkey WHERE credential_id = ? AND account_id = ?",
                        credentialId,
                        account.value())
                == 1;
    }

    private static TotpEnrolment totp(ResultSet rs) throws SQLException {
        return new TotpEnrolment(
                new AccountId(Sql.uuid(rs, "account_id")),
                rs.getBytes("sealed_secret"),
                Sql.requiredInstant(rs, "created_at"),
                Sql.instant(rs, "confirmed_at"),
                rs.getLong("last_used_step"),
                Sql.instant(rs, "last_used_at"));
    }

    private static PasskeyCredential passkey(ResultSet rs) throws SQLException {
        String transports = rs.getString("transports");
        return new PasskeyCredential(
                rs.getString("credential_id"),
                new AccountId(Sql.uuid(rs, "account_id")),
                rs.getBytes("public_key_cose"),
                rs.getLong("signature_count"),
                transports == null || transports.isEmpty() ? List.of() : Arrays.asList(transports.split(",")),
                rs.getString("user_handle"),
                rs.getString("label"),
                Sql.requiredInstant(rs, "created_at"),
                Sql.instant(rs, "last_used_at"));
    }
}
