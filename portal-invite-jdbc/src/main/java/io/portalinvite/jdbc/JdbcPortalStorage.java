package io.portalinvite.jdbc;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.authenticator.AuthenticatorStore;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.TemplateStore;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.invitation.InviteStorage.InviteLookup;
import io.portalinvite.settings.SettingsOverrides;
import io.portalinvite.settings.SettingsStore;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.tx.TransactionRunner;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Every portal-invite store on a relational database through plain JDBC.
 *
 * <pre>{@code
 * PortalSchema.migrate(dataSource);                        // or apply the scripts with your own tool
 * PortalStorage storage = JdbcPortalStorage.create(dataSource);
 * PortalInvite portal = PortalInvite.builder().storage(storage)...build();
 * }</pre>
 *
 * <p>Transactions, by host:
 *
 * <ul>
 *   <li>By default each service call runs in a transaction of a {@link JdbcTransactionRunner}: one
 *       connection of the data source per unit of work, committed by the library. It does not see a
 *       transaction the host holds on another connection of its own: join that one with
 *       {@link #join(Connection)}. It refuses to run inside an active JTA transaction where it can see
 *       one ({@link HostTransactionException}).
 *   <li>JTA hosts (Jakarta EE, Quarkus): {@code builder(ds).hostTransactions(new
 *       JtaTransactionRunner(ds, transactionManager, registry))}.
 *   <li>Other transaction managers: {@link Builder#hostTransactions(TransactionRunner,
 *       ConnectionProvider)} (the Spring Boot starter passes Spring's).
 * </ul>
 */
public final class JdbcPortalStorage implements PortalStorage {

    private final TransactionRunner transactions;
    private final DatabasePlatform platform;
    private final JdbcSignInBudgets signInBudgets;
    private final JdbcInvitationStore invitations;
    private final JdbcAccountStore accounts;
    private final JdbcSettingsStore settings;
    private final JdbcOutboxStore outbox;
    private final JdbcAuditStore audit;
    private final JdbcTemplateStore templates;
    private final JdbcPasswordResetStore passwordResets;
    private final JdbcAuthenticatorStore authenticators;
    private final Sql sql;

    private JdbcPortalStorage(
            TransactionRunner transactions,
            ConnectionProvider connections,
            DatabasePlatform platform,
            DataSource dataSource) {
        this.signInBudgets = new JdbcSignInBudgets(dataSource, platform);
        this.transactions = transactions;
        this.platform = platform;
        this.sql = new Sql(connections);
        this.invitations = new JdbcInvitationStore(sql, platform);
        this.accounts = new JdbcAccountStore(sql, platform);
        this.settings = new JdbcSettingsStore(sql);
        this.outbox = new JdbcOutboxStore(sql, platform);
        this.audit = new JdbcAuditStore(sql, platform);
        this.templates = new JdbcTemplateStore(sql);
        this.passwordResets = new JdbcPasswordResetStore(sql);
        this.authenticators = new JdbcAuthenticatorStore(sql, platform);
    }

    /**
     * Creates the stores on a data source with plain-JDBC transactions, detecting the database.
     *
     * @param dataSource the database
     * @return the storage
     */
    public static JdbcPortalStorage create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Starts configuring the stores.
     *
     * @param dataSource the database
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Returns the database platform in use.
     *
     * @return the platform
     */
    public DatabasePlatform platform() {
        return platform;
    }

    /**
     * Returns the connection of the library's transaction open on this thread, so that the host can
     * run its own statements in it (save the patient, then invite: both or neither). Empty outside a
     * transaction, and always empty when the stores join a host transaction manager instead.
     *
     * @return the connection, or empty
     */
    public Optional<Connection> currentConnection() {
        return transactions instanceof JdbcTransactionRunner runner ? runner.currentConnection() : Optional.empty();
    }

    /**
     * Joins a transaction the host holds on a JDBC connection of its own, so that library calls made
     * in the returned transaction's {@link HostTransaction#run run} commit or roll back with the host's
     * statements, and listeners hear of them only after the host reports its commit. See
     * {@link HostTransaction} for the rules and an example.
     *
     * @param connection the host's connection, with auto-commit off; it stays the host's to commit and close
     * @return the joined transaction
     * @throws HostTransactionException when these stores already join a host transaction manager
     *     (JTA, Spring), which decides the connection itself
     */
    public HostTransaction join(Connection connection) {
        if (!(transactions instanceof JdbcTransactionRunner runner)) {
            throw new HostTransactionException("This storage runs in the host's transactions through "
                    + transactions.getClass().getSimpleName()
                    + " already; its connections come from there, so a connection cannot be joined.");
        }
        return runner.join(connection);
    }

    @Override
    public TransactionRunner transactions() {
        return transactions;
    }

    @Override
    public InvitationStore invitations() {
        return invitations;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public SettingsStore settings() {
        return settings;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    /**
     * On PostgreSQL, sends the invitation, its messages and its audit entry as one multi-statement
     * command: one round trip instead of one per row. Elsewhere, the stores write in turn.
     */
    @Override
    public void insertInvitation(Invitation invitation, List<OutboundMessage> messages, AuditEvent created) {
        if (platform != DatabasePlatform.POSTGRESQL) {
            PortalStorage.super.insertInvitation(invitation, messages, created);
            return;
        }
        List<Sql.Bound> writes = new ArrayList<>(messages.size() + 3);
        Sql.Bound release = JdbcInvitationStore.releaseStatement(invitation);
        if (release != null) {
            writes.add(release);
        }
        writes.add(JdbcInvitationStore.insertStatement(invitation));
        messages.forEach(m -> writes.add(JdbcOutboxStore.insertStatement(m)));
        writes.add(JdbcAuditStore.insertStatement(created));
        try {
            sql.updateTogether("insert invitation with messages and audit", release == null ? 0 : 1, writes);
        } catch (JdbcStoreException e) {
            throw JdbcInvitationStore.translate(e);
        }
    }

    /**
     * On PostgreSQL, reads the settings row, the invitee account's grants, the open invitation and
     * (when asked) the patients sharing the invitee's mobile as one multi-statement command: one round
     * trip instead of three to five. Elsewhere, the stores read in turn.
     */
    @Override
    public InviteLookup lookupForInvite(
            PracticeId practiceId,
            PatientId patientId,
            String inviteeEmailKey,
            @Nullable String inviteeMobileE164,
            int mobileLimit) {
        if (platform != DatabasePlatform.POSTGRESQL) {
            return PortalStorage.super.lookupForInvite(
                    practiceId, patientId, inviteeEmailKey, inviteeMobileE164, mobileLimit);
        }
        List<Sql.Bound> statements = new java.util.ArrayList<>(List.of(
                new Sql.Bound(JdbcSettingsStore.SELECT, new Object[] {practiceId.value()}),
                new Sql.Bound(
                        "SELECT " + JdbcAccountStore.ACCESS_COLUMNS + " FROM pi_access WHERE account_id = "
                                + "(SELECT id FROM pi_account WHERE email_key = ?) ORDER BY granted_at, id",
                        new Object[] {inviteeEmailKey}),
                new Sql.Bound(
                        JdbcInvitationStore.FIND_OPEN,
                        new Object[] {JdbcInvitationStore.openKey(practiceId, patientId, inviteeEmailKey)})));
        List<Sql.RowMapper<?>> mappers = new java.util.ArrayList<>(
                List.of(JdbcSettingsStore::map, JdbcAccountStore::mapAccess, JdbcInvitationStore::map));
        if (inviteeMobileE164 != null) {
            statements.add(JdbcInvitationStore.patientsByInviteeMobile(practiceId, inviteeMobileE164, mobileLimit));
            mappers.add(rs -> PatientId.of(rs.getString("patient_id")));
        }
        List<List<?>> rows = sql.queryTogether("look up for invite", statements, mappers);
        return new InviteLookup(
                single(rows.get(0), SettingsOverrides.class),
                list(rows.get(1), PatientAccess.class),
                single(rows.get(2), Invitation.class),
                inviteeMobileE164 == null ? List.of() : list(rows.get(3), PatientId.class));
    }

    @Override
    public List<PatientId> findPatients(PracticeId practiceId, @Nullable PatientId after, int limit) {
        // one query, so that the two tables' patients are ordered and paged by the same collation
        String from = after == null ? "" : " AND patient_id > ?";
        Object[] args = after == null
                ? new Object[] {practiceId.value(), practiceId.value(), limit}
                : new Object[] {practiceId.value(), after.value(), practiceId.value(), after.value(), limit};
        return sql.query(
                "find patients of practice",
                "SELECT patient_id FROM pi_invitation WHERE practice_id = ?" + from
                        + " UNION SELECT patient_id FROM pi_access WHERE practice_id = ?" + from
                        + " ORDER BY patient_id LIMIT ?",
                rs -> PatientId.of(rs.getString("patient_id")),
                args);
    }

    private static <T> Optional<T> single(List<?> rows, Class<T> type) {
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one " + type.getSimpleName() + ", got " + rows.size());
        }
        return rows.stream().findFirst().map(type::cast);
    }

    private static <T> List<T> list(List<?> rows, Class<T> type) {
        return rows.stream().map(type::cast).toList();
    }

    @Override
    public JdbcSignInBudgets signInBudgets() {
        return signInBudgets;
    }

    @Override
    public TemplateStore templates() {
        return templates;
    }

    @Override
    public JdbcPasswordResetStore passwordResets() {
        return passwordResets;
    }

    @Override
    public AuthenticatorStore authenticators() {
        return authenticators;
    }

    /**
     * Writes a bulk invitation's chunk as multi-row inserts — invitations, outbound messages, audit
     * entries — instead of three statements per invitation.
     */
    @Override
    public void insertInvitations(
            List<Invitation> invitations, List<OutboundMessage> messages, List<AuditEvent> created) {
        List<String> keys = new ArrayList<>();
        for (Invitation invitation : invitations) {
            String key = JdbcInvitationStore.openKey(invitation);
            if (key != null) {
                keys.add(key);
            }
        }
        for (int from = 0; from < keys.size(); from += 500) {
            this.invitations.releaseAcceptedKeys(keys.subList(from, Math.min(keys.size(), from + 500)));
        }
        try {
            sql.insertRows(
                    "insert invitations of a chunk",
                    invitations.stream()
                            .map(JdbcInvitationStore::insertStatement)
                            .toList());
        } catch (JdbcStoreException e) {
            throw JdbcInvitationStore.translate(e);
        }
        sql.insertRows(
                "insert outbound messages of a chunk",
                messages.stream().map(JdbcOutboxStore::insertStatement).toList());
        sql.insertRows(
                "insert audit entries of a chunk",
                created.stream().map(JdbcAuditStore::insertStatement).toList());
    }

    /** Configures a {@link JdbcPortalStorage}. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable DatabasePlatform platform;
        private @Nullable TransactionRunner transactions;
        private @Nullable ConnectionProvider connections;
        private boolean refuseInsideJta = true;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Names the database instead of detecting it.
         *
         * @param value the platform
         * @return this
         */
        public Builder platform(DatabasePlatform value) {
            this.platform = value;
            return this;
        }

        /**
         * Makes the stores join the host's transactions.
         *
         * @param runner the host's transaction boundary: joins the host's current transaction, begins
         *     one when none is open, and runs after-commit actions only after the commit
         * @param provider returns the connection of the host's current transaction, and never closes it
         *     while that transaction is open
         * @return this
         */
        public Builder hostTransactions(TransactionRunner runner, ConnectionProvider provider) {
            this.transactions = Objects.requireNonNull(runner);
            this.connections = Objects.requireNonNull(provider);
            return this;
        }

        /**
         * Makes the stores join the host's transactions through one object that is both the
         * transaction boundary and the connection source, such as {@link JtaTransactionRunner}.
         *
         * @param runner the runner
         * @param <R> a runner that also provides the connections
         * @return this
         */
        public <R extends TransactionRunner & ConnectionProvider> Builder hostTransactions(R runner) {
            return hostTransactions(runner, runner);
        }

        /**
         * Lets the default {@link JdbcTransactionRunner} begin its own JDBC transactions even while a
         * JTA transaction is active on the thread. Only for a data source that the JTA transaction
         * manager does not enlist, whose writes are meant to commit on their own; by default that
         * situation is refused with a {@link HostTransactionException}.
         *
         * @return this
         */
        public Builder ownTransactionsInsideJta() {
            this.refuseInsideJta = false;
            return this;
        }

        /**
         * Builds the stores.
         *
         * @return the storage
         */
        public JdbcPortalStorage build() {
            DatabasePlatform p = platform != null ? platform : DatabasePlatform.detect(dataSource);
            if (transactions != null && connections != null) {
                return new JdbcPortalStorage(transactions, connections, p, dataSource);
            }
            JdbcTransactionRunner runner = new JdbcTransactionRunner(dataSource, refuseInsideJta);
            return new JdbcPortalStorage(runner, runner, p, dataSource);
        }
    }
}
