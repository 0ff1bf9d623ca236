package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.date;
import static io.portalinvite.jdbc.Sql.enumOf;
import static io.portalinvite.jdbc.Sql.instant;
import static io.portalinvite.jdbc.Sql.requiredInstant;
import static io.portalinvite.jdbc.Sql.text;
import static io.portalinvite.jdbc.Sql.ts;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.DuplicateAccountException;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Relationship;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link AccountStore} on tables {@code pi_account} (unique by email key) and {@code pi_access}. */
public final class JdbcAccountStore implements AccountStore {

    private static final String ACCOUNT_COLUMNS = "id, email, email_key, password_hash, status, failed_logins, "
            + "throttled_until, created_at, last_login_at, password_changed_at, version";
    static final String ACCESS_COLUMNS = "id, account_id, practice_id, patient_id, kind, relationship, "
            + "granted_at, granted_by, invitation_id, ends_on, revoked_at, starts_on, scope, patient_birth_date, "
            + "end_reason, revoked_by, consent_version, consent_accepted_at";

    private final Sql sql;

    JdbcAccountStore(Sql sql, DatabasePlatform platform) {
        this.sql = sql;
        this.platform = platform;
    }

    /** Decides how a chunk's keys are looked up: an array parameter where the database has one. */
    private final DatabasePlatform platform;

    @Override
    public void insert(PortalAccount a) {
        try {
            sql.update(
                    "insert account",
                    "INSERT INTO pi_account (" + ACCOUNT_COLUMNS + ") " + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.id().value(),
                    a.email().value(),
                    a.email().lookupKey(),
                    a.passwordHash(),
                    a.status(),
                    a.failedLogins(),
                    ts(a.throttledUntil()),
                    ts(a.createdAt()),
                    ts(a.lastLoginAt()),
                    ts(a.passwordChangedAt()),
                    a.version());
        } catch (JdbcStoreException e) {
            if (Sql.isDuplicateKey(e)) {
                throw new DuplicateAccountException();
            }
            throw e;
        }
    }

    @Override
    public Optional<PortalAccount> findById(AccountId id) {
        return sql.queryOne(
                "find account",
                "SELECT " + ACCOUNT_COLUMNS + " FROM pi_account WHERE id = ?",
                JdbcAccountStore::mapAccount,
                id.value());
    }

    @Override
    public Optional<PortalAccount> findByEmail(String emailLookupKey) {
        return sql.queryOne(
                "find account by email",
                "SELECT " + ACCOUNT_COLUMNS + " FROM pi_account WHERE email_key = ?",
                JdbcAccountStore::mapAccount,
                emailLookupKey);
    }

    /**
     * One query that returns one row either way: the account, or — through the second branch, which
     * only yields a row when the first finds none — the decoy's values, mapped by the same code.
     */
    @Override
    public PortalAccount findByEmailOrDecoy(String emailLookupKey) {
        PortalAccount d = PortalAccount.decoy();
        return sql.queryOne(
                        "find account or decoy by email",
                        "SELECT " + ACCOUNT_COLUMNS
                                + " FROM pi_account WHERE email_key = ? UNION ALL SELECT ?, ?, ?, ?, ?, 0, NULL, ?, NULL, ?, 1 "
                                + "FROM (SELECT 1 AS one) decoy WHERE NOT EXISTS (SELECT 1 FROM pi_account WHERE email_key = ?)",
                        JdbcAccountStore::mapAccount,
                        emailLookupKey,
                        d.id().value().toString(),
                        d.email().value(),
                        d.email().lookupKey(),
                        d.passwordHash(),
                        d.status(),
                        ts(d.createdAt()),
                        ts(d.passwordChangedAt()),
                        emailLookupKey)
                .orElseThrow(() -> new IllegalStateException("the decoy branch always answers"));
    }

    @Override
    public boolean update(PortalAccount a) {
        return sql.update(
                        "update account",
                        "UPDATE pi_account SET password_hash = ?, status = ?, failed_logins = ?, "
                                + "throttled_until = ?, last_login_at = ?, password_changed_at = ?, version = ? "
                                + "WHERE id = ? AND version = ? AND email_key = ?",
                        a.passwordHash(),
                        a.status(),
                        a.failedLogins(),
                        ts(a.throttledUntil()),
                        ts(a.lastLoginAt()),
                        ts(a.passwordChangedAt()),
                        a.version(),
                        a.id().value(),
                        a.version() - 1,
                        a.email().lookupKey())
                == 1;
    }

    @Override
    public void insertAccess(PatientAccess g) {
        sql.update(
                "insert access",
                "INSERT INTO pi_access (" + ACCESS_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                g.id().value(),
                g.accountId().value(),
                g.practiceId().value(),
                g.patientId().value(),
                g.kind(),
                text(g.relationship()),
                ts(g.grantedAt()),
                g.grantedBy().value(),
                text(g.invitationId() == null ? null : g.invitationId().value()),
                date(g.endsOn()),
                ts(g.revokedAt()),
                date(g.startsOn()),
                g.scope(),
                date(g.patientDateOfBirth()),
                text(g.endReason()),
                text(g.revokedBy()),
                text(g.consentVersion()),
                ts(g.consentAcceptedAt()));
    }

    private static final String UPDATE_ACCESS = "UPDATE pi_access SET ends_on = ?, revoked_at = ?, scope = ?, "
            + "end_reason = ?, revoked_by = ?, consent_version = ?, consent_accepted_at = ? WHERE id = ?";

    private static Object[] updateArgs(PatientAccess g) {
        return new Object[] {
            date(g.endsOn()),
            ts(g.revokedAt()),
            g.scope(),
            text(g.endReason()),
            text(g.revokedBy()),
            text(g.consentVersion()),
            ts(g.consentAcceptedAt()),
            g.id().value()
        };
    }

    @Override
    public boolean updateAccess(PatientAccess g) {
        return sql.update("update access", UPDATE_ACCESS, updateArgs(g)) == 1;
    }

    @Override
    public boolean updateAccessIfOpen(PatientAccess g, AccessScope expectedScope) {
        Object[] args = java.util.Arrays.copyOf(updateArgs(g), 9);
        args[8] = expectedScope;
        return sql.update(
                        "update open access",
                        UPDATE_ACCESS + " AND revoked_at IS NULL AND end_reason IS NULL AND scope = ?",
                        args)
                == 1;
    }

    @Override
    public Optional<PatientAccess> findAccessById(AccessId id) {
        return sql.queryOne(
                "find access",
                "SELECT " + ACCESS_COLUMNS + " FROM pi_access WHERE id = ?",
                JdbcAccountStore::mapAccess,
                id.value());
    }

    @Override
    public List<PatientAccess> findAccessToReview(@Nullable AccessId after, int limit) {
        String where = "revoked_at IS NULL AND end_reason IS NULL" + (after == null ? "" : " AND id > ?");
        Object[] args = after == null ? new Object[] {limit} : new Object[] {after.value(), limit};
        return sql.query(
                "find access to review",
                "SELECT " + ACCESS_COLUMNS + " FROM pi_access WHERE " + where + " ORDER BY id LIMIT ?",
                JdbcAccountStore::mapAccess,
                args);
    }

    @Override
    public List<PatientAccess> findAccessByAccount(AccountId accountId) {
        return sql.query(
                "find access of account",
                "SELECT " + ACCESS_COLUMNS + " FROM pi_access WHERE account_id = ? ORDER BY granted_at, id",
                JdbcAccountStore::mapAccess,
                accountId.value());
    }

    @Override
    public List<PatientAccess> findAccessByPatient(PracticeId practiceId, PatientId patientId) {
        return sql.query(
                "find access to patient",
                "SELECT " + ACCESS_COLUMNS
                        + " FROM pi_access WHERE practice_id = ? AND patient_id = ? ORDER BY granted_at, id",
                JdbcAccountStore::mapAccess,
                practiceId.value(),
                patientId.value());
    }

    private static PortalAccount mapAccount(ResultSet rs) throws SQLException {
        return new PortalAccount(
                new AccountId(Sql.uuid(rs, "id")),
                EmailAddress.of(rs.getString("email")),
                rs.getString("password_hash"),
                Sql.requiredEnum(rs, "status", AccountStatus.class),
                rs.getInt("failed_logins"),
                instant(rs, "throttled_until"),
                requiredInstant(rs, "created_at"),
                instant(rs, "last_login_at"),
                requiredInstant(rs, "password_changed_at"),
                rs.getLong("version"));
    }

    static PatientAccess mapAccess(ResultSet rs) throws SQLException {
        String invitation = rs.getString("invitation_id");
        return new PatientAccess(
                new AccessId(Sql.uuid(rs, "id")),
                new AccountId(Sql.uuid(rs, "account_id")),
                PracticeId.of(rs.getString("practice_id")),
                PatientId.of(rs.getString("patient_id")),
                Sql.requiredEnum(rs, "kind", AccessKind.class),
                enumOf(rs, "relationship", Relationship.class),
                requiredInstant(rs, "granted_at"),
                StaffId.of(rs.getString("granted_by")),
                invitation == null ? null : InvitationId.of(invitation),
                Sql.localDate(rs, "ends_on"),
                instant(rs, "revoked_at"),
                Objects.requireNonNull(Sql.localDate(rs, "starts_on"), "starts_on"),
                Sql.requiredEnum(rs, "scope", AccessScope.class),
                Sql.localDate(rs, "patient_birth_date"),
                enumOf(rs, "end_reason", AccessEndReason.class),
                rs.getString("revoked_by"),
                rs.getString("consent_version"),
                instant(rs, "consent_accepted_at"));
    }

    /** One query per 500 keys instead of one per key. */
    @Override
    public java.util.Map<String, PortalAccount> findByEmails(java.util.Collection<String> emailLookupKeys) {
        java.util.Map<String, PortalAccount> found = new java.util.HashMap<>();
        List<String> keys = List.copyOf(emailLookupKeys);
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + 500));
            List<PortalAccount> accounts = platform.hasArrays()
                    ? sql.query(
                            "find accounts by emails",
                            "SELECT " + ACCOUNT_COLUMNS + " FROM pi_account WHERE email_key = ANY(?)",
                            JdbcAccountStore::mapAccount,
                            (Object) part.toArray(String[]::new))
                    : sql.query(
                            "find accounts by emails",
                            "SELECT " + ACCOUNT_COLUMNS + " FROM pi_account WHERE email_key IN ("
                                    + Sql.placeholders(part.size()) + ")",
                            JdbcAccountStore::mapAccount,
                            part.toArray());
            for (PortalAccount a : accounts) {
                found.put(a.email().lookupKey(), a);
            }
        }
        return found;
    }
}
