package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.invitation.InvitationStore.OpenKey;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.tx.TransactionRunner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The invitation store's statements on PostgreSQL with 100 000 invitations, most of them closed as
 * in a practice that has invited for years: every lookup and sweep reads through an index (no
 * sequential scan of {@code pi_invitation}), and redemption is a heap-only update. The statements
 * are the store's own, recorded as it runs them and explained with the same parameters; the plans
 * are printed ({@code PLAN ...}) and quoted in docs/jdbc-storage.md.
 */
class InvitationQueryPlanTest {

    private static final int ROWS = 100_000;
    private static final int PRACTICES = 200;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private static PGSimpleDataSource dataSource;
    private static Connection connection;

    @BeforeAll
    static void hundredThousandInvitations() throws SQLException {
        // a database of its own, so the other tests' shared tables stay small and untouched
        TestDatabase shared = TestDatabase.postgres();
        try (Connection c = shared.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS pi_query_plans");
            s.execute("CREATE DATABASE pi_query_plans");
        }
        String sharedUrl = shared.jdbcUrl();
        int query = sharedUrl.indexOf('?');
        String base = query < 0 ? sharedUrl : sharedUrl.substring(0, query);
        String url = base.substring(0, base.lastIndexOf('/') + 1) + "pi_query_plans"
                + (query < 0 ? "" : sharedUrl.substring(query));
        HikariDataSource pool = (HikariDataSource) shared.dataSource();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(pool.getUsername());
        dataSource.setPassword(pool.getPassword());
        PortalSchema.migrate(dataSource, DatabasePlatform.POSTGRESQL);
        connection = dataSource.getConnection();
        try (Statement s = connection.createStatement()) {
            // one in twenty open (SENT, link still valid), one in twenty expired, one in twenty revoked,
            // one in twenty accepted while the link is still valid (it keeps its open key until then),
            // the rest accepted long ago
            s.execute(
                    "INSERT INTO pi_invitation (id, practice_id, patient_id, patient_given_name, "
                            + "patient_family_name, patient_birth_date, patient_email, patient_mobile, invitee_kind, "
                            + "invitee_given_name, invitee_family_name, invitee_email, invitee_email_key, invitee_mobile, "
                            + "relationship, channels, origin, status, token_nonce, token_digest, issued_at, expires_at, "
                            + "created_at, created_by, resend_count, dob_failures, accepted_at, revoked_at, "
                            + "revocation_reason, updated_at, version, open_key, closed_at) "
                            + "SELECT md5(i::text)::uuid::text, 'practice-' || (i % " + PRACTICES
                            + "), 'patient-' || i, "
                            + "'Given', 'Family', DATE '1980-01-01', 'p' || i || '@example.org', '+6140000' || lpad((i % 10000)::text, 4, '0'), "
                            + "'PATIENT', 'Given', 'Family', 'p' || i || '@example.org', 'p' || i || '@example.org', "
                            + "'+6140000' || lpad((i % 10000)::text, 4, '0'), NULL, 'EMAIL,SMS', 'EXISTING_PATIENT', "
                            + "CASE i % 20 WHEN 0 THEN 'SENT' WHEN 1 THEN 'EXPIRED' WHEN 2 THEN 'REVOKED' ELSE 'ACCEPTED' END, "
                            + "lpad(i::text, 43, 'A'), md5(i::text) || md5((i + " + ROWS + ")::text), t.issued, "
                            + "CASE WHEN i % 20 IN (0, 3) THEN t.now + (i % 13 + 1) * INTERVAL '1 day' ELSE t.issued + INTERVAL '14 days' END, "
                            + "t.issued, 'staff-1', 0, 0, "
                            + "CASE WHEN i % 20 > 2 THEN t.issued + INTERVAL '1 day' END, "
                            + "CASE WHEN i % 20 = 2 THEN t.issued + INTERVAL '2 days' END, "
                            + "CASE WHEN i % 20 = 2 THEN 'STAFF' END, t.issued + INTERVAL '2 days', 1, "
                            + "CASE WHEN i % 20 IN (0, 3) THEN 'practice-' || (i % " + PRACTICES
                            + ") || '|patient-' || i || '|p' || i || '@example.org' END, "
                            + "CASE WHEN i % 20 IN (1, 2) THEN t.issued + INTERVAL '2 days' END "
                            + "FROM generate_series(1, " + ROWS + ") i, "
                            + "LATERAL (SELECT TIMESTAMP '"
                            + java.time.LocalDateTime.ofInstant(NOW, java.time.ZoneOffset.UTC)
                            + "' AS now, TIMESTAMP '" + java.time.LocalDateTime.ofInstant(NOW, java.time.ZoneOffset.UTC)
                            + "' - CASE WHEN i % 20 IN (0, 3) THEN INTERVAL '1 day' ELSE (i % 1000 + 20) * INTERVAL '1 day' END AS issued) t");
            s.execute("ANALYZE pi_invitation");
        }
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        connection.close();
        try (Connection c = TestDatabase.postgres().dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS pi_query_plans");
        }
    }

    @Test
    void lookupsAndSweepsWhenHundredThousandInvitationsThenEachReadsThroughAnIndex() throws Exception {
        Recording recording = new Recording(connection);
        InvitationStore store = store(recording);
        int open = 20; // i % 20 == 0: SENT, link valid
        String digest = hex(open);
        store.findById(InvitationId.of(uuidOf(open)));
        store.findByTokenDigest(new TokenDigest(digest));
        store.findOpen(
                PracticeId.of("practice-" + (open % PRACTICES)), PatientId.of("patient-" + open), "p20@example.org");
        store.findOpenAmong(List.of(
                new OpenKey(PracticeId.of("practice-20"), PatientId.of("patient-20"), "p20@example.org"),
                new OpenKey(PracticeId.of("practice-40"), PatientId.of("patient-40"), "p40@example.org")));
        store.findByPatient(PracticeId.of("practice-20"), PatientId.of("patient-20"));
        store.findPatientsByInviteeMobile(PracticeId.of("practice-20"), "+61400000020", 10);
        store.findExpiredOpen(NOW, 100);
        store.findPracticesWithSentInvitations();
        store.findReminderDue(PracticeId.of("practice-20"), NOW, NOW.plus(Duration.ofDays(2)), 100);
        store.purgeClosedTokenDigests(NOW.minus(Duration.ofDays(30)), NOW, 100);
        store.attemptDateOfBirth(new TokenDigest(hex(40)), LocalDate.of(1999, 1, 1), 5, NOW);
        store.redeem(new TokenDigest(hex(60)), NOW);

        Map<String, String> plans = new LinkedHashMap<>();
        for (Recorded statement : recording.statements) {
            plans.putIfAbsent(statement.sql(), explain(statement));
        }
        plans.forEach((sql, plan) -> System.out.println("PLAN " + sql + "\n" + plan));
        assertThat(plans).hasSizeGreaterThanOrEqualTo(12);
        assertThat(plans.values()).noneMatch(plan -> plan.contains("Seq Scan on pi_invitation"));
        assertThat(plans.entrySet())
                .filteredOn(e -> e.getKey().contains("expires_at <= ? ORDER BY"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue()).contains("pi_invitation_open_expiry_ix"));
        assertThat(plans.entrySet())
                .filteredOn(e -> e.getKey().startsWith("SELECT id FROM pi_invitation"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue()).contains("pi_invitation_purge_ix"));
    }

    @Test
    void redeemWhenLinkOpenThenHeapOnlyUpdateAndNoIndexWritten() throws Exception {
        Recording recording = new Recording(connection);
        InvitationStore store = store(recording);
        connection.setAutoCommit(false);
        try {
            long before = hotUpdates()[1];
            boolean redeemed = store.redeem(new TokenDigest(hex(80)), NOW);
            long[] after = hotUpdates();
            assertThat(redeemed).isTrue();
            assertThat(after[0]).as("updates in this transaction").isEqualTo(1);
            assertThat(after[1] - before).as("of which heap-only").isEqualTo(1);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** Rows updated and HOT-updated in pi_invitation by the current transaction. */
    private static long[] hotUpdates() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables "
                        + "WHERE relname = 'pi_invitation'")) {
            return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
        }
    }

    private static InvitationStore store(Recording recording) {
        TransactionRunner noTransaction = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }

            @Override
            public void afterCommit(Runnable action) {
                action.run();
            }
        };
        return JdbcPortalStorage.builder(dataSource)
                .platform(DatabasePlatform.POSTGRESQL)
                .hostTransactions(noTransaction, recording)
                .build()
                .invitations();
    }

    private static String explain(Recorded statement) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN " + statement.sql())) {
            for (Object[] call : statement.binds()) {
                Method setter = (Method) call[0];
                setter.invoke(ps, (Object[]) call[1]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static String uuidOf(int i) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT md5(?)::uuid::text")) {
            ps.setString(1, Integer.toString(i));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String hex(int i) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT md5(?) || md5(?)")) {
            ps.setString(1, Integer.toString(i));
            ps.setString(2, Integer.toString(i + ROWS));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private record Recorded(String sql, List<Object[]> binds) {}

    /** Hands out the one connection, recording every prepared statement's text and parameters. */
    private static final class Recording implements ConnectionProvider {
        private final Connection real;
        private final List<Recorded> statements = new ArrayList<>();

        Recording(Connection real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(method, real, args);
                        if (method.getName().equals("prepareStatement") && args.length == 1) {
                            Recorded recorded = new Recorded((String) args[0], new ArrayList<>());
                            if (recorded.sql().contains("pi_invitation")) {
                                statements.add(recorded);
                            }
                            return recordingStatement((PreparedStatement) result, recorded);
                        }
                        return result;
                    });
        }

        private static PreparedStatement recordingStatement(PreparedStatement real, Recorded recorded) {
            return (PreparedStatement) Proxy.newProxyInstance(
                    InvitationQueryPlanTest.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("set") && args != null && args.length >= 2) {
                            recorded.binds().add(new Object[] {method, args.clone()});
                        }
                        return invoke(method, real, args);
                    });
        }

        private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public void releaseConnection(Connection connection) {
            // the one connection stays open for the whole test
        }
    }
}
