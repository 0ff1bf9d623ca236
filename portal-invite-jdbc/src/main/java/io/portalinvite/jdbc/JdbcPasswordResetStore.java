package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.instant;
import static io.portalinvite.jdbc.Sql.requiredInstant;
import static io.portalinvite.jdbc.Sql.text;
import static io.portalinvite.jdbc.Sql.ts;

import io.portalinvite.common.AccountId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.reset.PasswordResetRequest;
import io.portalinvite.reset.PasswordResetRequest.PasswordResetStatus;
import io.portalinvite.reset.PasswordResetStore;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link PasswordResetStore} on table {@code pi_password_reset}. Using a link is one conditional
 * {@code UPDATE} whose row count decides the winner, as for invitations.
 */
public final class JdbcPasswordResetStore implements PasswordResetStore {

    private static final String COLUMNS =
            "id, account_id, practice_id, status, token_nonce, token_digest, " + "created_at, expires_at, used_at";

    private final Sql sql;

    JdbcPasswordResetStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(PasswordResetRequest r) {
        sql.update(
                "insert password reset",
                "INSERT INTO pi_password_reset (" + COLUMNS + ") " + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(),
                text(r.accountId() == null ? null : r.accountId().value()),
                r.practiceId().value(),
                r.status(),
                r.tokenNonce().value(),
                r.tokenDigest().hex(),
                ts(r.createdAt()),
                ts(r.expiresAt()),
                ts(r.usedAt()));
    }

    @Override
    public Optional<PasswordResetRequest> findById(UUID id) {
        return sql.queryOne(
                "find password reset",
                "SELECT " + COLUMNS + " FROM pi_password_reset WHERE id = ?",
                JdbcPasswordResetStore::map,
                id);
    }

    @Override
    public Optional<PasswordResetRequest> findByTokenDigest(TokenDigest digest) {
        return sql.queryOne(
                "find password reset by digest",
                "SELECT " + COLUMNS + " FROM pi_password_reset WHERE token_digest = ?",
                JdbcPasswordResetStore::map,
                digest.hex());
    }

    @Override
    public boolean redeem(TokenDigest digest, Instant now) {
        return sql.update(
                        "use password reset link",
                        "UPDATE pi_password_reset SET status = 'USED', used_at = ? "
                                + "WHERE token_digest = ? AND status = 'OPEN' AND expires_at > ?",
                        ts(now),
                        digest.hex(),
                        ts(now))
                == 1;
    }

    @Override
    public int supersedeOpen(AccountId accountId) {
        return sql.update(
                "supersede password reset links",
                "UPDATE pi_password_reset SET status = 'SUPERSEDED' " + "WHERE account_id = ? AND status = 'OPEN'",
                accountId.value());
    }

    @Override
    public int countSince(AccountId accountId, Instant since) {
        return sql.queryOne(
                        "count password resets",
                        "SELECT COUNT(*) FROM pi_password_reset " + "WHERE account_id = ? AND created_at >= ?",
                        rs -> rs.getInt(1),
                        accountId.value(),
                        ts(since))
                .orElse(0);
    }

    @Override
    public int purgeExpired(Instant expiredBefore, int limit) {
        List<String> ids = sql.query(
                "find expired password resets",
                "SELECT id FROM pi_password_reset " + "WHERE expires_at < ? ORDER BY expires_at, id LIMIT ?",
                rs -> rs.getString(1),
                ts(expiredBefore),
                limit);
        int deleted = 0;
        for (String id : ids) {
            deleted += sql.update("delete expired password reset", "DELETE FROM pi_password_reset WHERE id = ?", id);
        }
        return deleted;
    }

    private static PasswordResetRequest map(ResultSet rs) throws SQLException {
        String account = rs.getString("account_id");
        return new PasswordResetRequest(
                Sql.uuid(rs, "id"),
                account == null ? null : new AccountId(UUID.fromString(account)),
                PracticeId.of(rs.getString("practice_id")),
                Sql.requiredEnum(rs, "status", PasswordResetStatus.class),
                new TokenNonce(rs.getString("token_nonce")),
                new TokenDigest(rs.getString("token_digest")),
                requiredInstant(rs, "created_at"),
                requiredInstant(rs, "expires_at"),
                instant(rs, "used_at"));
    }
}
