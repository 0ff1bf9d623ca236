package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.date;
import static io.portalinvite.jdbc.Sql.enumOf;
import static io.portalinvite.jdbc.Sql.instant;
import static io.portalinvite.jdbc.Sql.requiredInstant;
import static io.portalinvite.jdbc.Sql.text;
import static io.portalinvite.jdbc.Sql.ts;

import io.portalinvite.account.AccessId;
import io.portalinvite.account.AccessKind;
import io.portalinvite.account.AccountId;
import io.portalinvite.account.AccountStatus;
import io.portalinvite.account.AccountStore;
import io.portalinvite.account.DuplicateAccountException;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.invitation.InvitationId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PatientId;
import io.portalinvite.party.PracticeId;
import io.portalinvite.party.Relationship;
import io.portalinvite.party.StaffId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link AccountStore} on tables {@code pi_account} (unique by email key) and {@code pi_access}. */
public final class JdbcAccountStore implements AccountStore {

    private static final String ACCOUNT_COLUMNS = "id, email, email_key, password_hash, status, failed_logins, "
            + "throttled_until, created_at, last_login_at, password_changed_at, version";
    static final String ACCESS_COLUMNS = "id, account_id, practice_id, patient_id, kind, relationship, "
            + "granted_at, granted_by, invitation_id, ends_on, revoked_at";

    private final Sql sql;

    JdbcAccountStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(PortalAccount a) {
        try {
            sql.update("insert account", "INSERT INTO pi_account (" + ACCOUNT_COLUMNS + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.id().value(), a.email().value(), a.email().lookupKey(), a.passwordHash(), a.status(),
                    a.failedLogins(), ts(a.throttledUntil()), ts(a.createdAt()), ts(a.lastLoginAt()),
                    ts(a.passwordChangedAt()), a.version());
        } catch (JdbcStoreException e) {
            if (Sql.isDuplicateKey(e)) {
                throw new DuplicateAccountException();
            }
            throw e;
        }
    }

    @Override
    public Optional<PortalAccount> findById(AccountId id) {
        return sql.queryOne("find account", "SELECT " + ACCOUNT_COLUMNS + " FROM pi_account WHERE id = ?",
                JdbcAccountStore::mapAccount, id.value());
    }

    @Override
    public Optional<PortalAccount> findByEmail(String emailLookupKey) {
        return sql.queryOne("find account by email", "SELECT " + ACCOUNT_COLUMNS
                + " FROM pi_account WHERE email_key = ?", JdbcAccountStore::mapAccount, emailLookupKey);
    }

    @Override
    public boolean update(PortalAccount a) {
        return sql.update("update account", "UPDATE pi_account SET password_hash = ?, status = ?, failed_logins = ?, "
                + "throttled_until = ?, last_login_at = ?, password_changed_at = ?, version = ? "
                + "WHERE id = ? AND version = ? AND email_key = ?",
                a.passwordHash(), a.status(), a.failedLogins(), ts(a.throttledUntil()), ts(a.lastLoginAt()),
                ts(a.passwordChangedAt()), a.version(), a.id().value(), a.version() - 1, a.email().lookupKey()) == 1;
    }

    @Override
    public void insertAccess(PatientAccess g) {
        sql.update("insert access", "INSERT INTO pi_access (" + ACCESS_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                g.id().value(), g.accountId().value(), g.practiceId().value(), g.patientId().value(), g.kind(),
                text(g.relationship()), ts(g.grantedAt()), g.grantedBy().value(),
                text(g.invitationId() == null ? null : g.invitationId().value()), date(g.endsOn()), ts(g.revokedAt()));
    }

    @Override
    public boolean updateAccess(PatientAccess g) {
        return sql.update("update access", "UPDATE pi_access SET ends_on = ?, revoked_at = ? WHERE id = ?",
                date(g.endsOn()), ts(g.revokedAt()), g.id().value()) == 1;
    }

    @Override
    public List<PatientAccess> findAccessByAccount(AccountId accountId) {
        return sql.query("find access of account", "SELECT " + ACCESS_COLUMNS
                + " FROM pi_access WHERE account_id = ? ORDER BY granted_at, id", JdbcAccountStore::mapAccess,
                accountId.value());
    }

    @Override
    public List<PatientAccess> findAccessByPatient(PracticeId practiceId, PatientId patientId) {
        return sql.query("find access to patient", "SELECT " + ACCESS_COLUMNS
                + " FROM pi_access WHERE practice_id = ? AND patient_id = ? ORDER BY granted_at, id",
                JdbcAccountStore::mapAccess, practiceId.value(), patientId.value());
    }

    private static PortalAccount mapAccount(ResultSet rs) throws SQLException {
        return new PortalAccount(new AccountId(Sql.uuid(rs, "id")), EmailAddress.of(rs.getString("email")),
                rs.getString("password_hash"), enumOf(rs, "status", AccountStatus.class), rs.getInt("failed_logins"),
                instant(rs, "throttled_until"), requiredInstant(rs, "created_at"), instant(rs, "last_login_at"),
                requiredInstant(rs, "password_changed_at"), rs.getLong("version"));
    }

    static PatientAccess mapAccess(ResultSet rs) throws SQLException {
        String invitation = rs.getString("invitation_id");
        return new PatientAccess(new AccessId(Sql.uuid(rs, "id")), new AccountId(Sql.uuid(rs, "account_id")),
                PracticeId.of(rs.getString("practice_id")), PatientId.of(rs.getString("patient_id")),
                enumOf(rs, "kind", AccessKind.class), enumOf(rs, "relationship", Relationship.class),
                requiredInstant(rs, "granted_at"), StaffId.of(rs.getString("granted_by")),
                invitation == null ? null : InvitationId.of(invitation), Sql.localDate(rs, "ends_on"),
                instant(rs, "revoked_at"));
    }
}
