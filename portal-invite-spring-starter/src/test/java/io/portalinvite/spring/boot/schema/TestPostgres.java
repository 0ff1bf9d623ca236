package io.portalinvite.spring.boot.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL server for the schema-route tests: the one named by
 * {@code PORTAL_INVITE_TEST_POSTGRES_URL} ({@code _USER}, {@code _PASSWORD}), or an embedded one
 * started once per test JVM. Each test gets a database of its own, as a host's fresh database.
 */
final class TestPostgres {

    private static volatile String[] server;

    private TestPostgres() {}

    /**
     * Creates an empty database.
     *
     * @return its JDBC URL, user and password
     */
    static String[] newDatabase() {
        String[] s = server();
        String name = "host_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(s[0], s[1], s[2]);
                Statement statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database", e);
        }
        int slash = s[0].lastIndexOf('/');
        int query = s[0].indexOf('?', slash);
        String url = s[0].substring(0, slash + 1) + name + (query < 0 ? "" : s[0].substring(query));
        return new String[] {url, s[1], s[2]};
    }

    private static String[] server() {
        String[] s = server;
        if (s == null) {
            synchronized (TestPostgres.class) {
                s = server;
                if (s == null) {
                    s = start();
                    server = s;
                }
            }
        }
        return s;
    }

    private static String[] start() {
        String url = System.getenv("PORTAL_INVITE_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new String[] {
                url,
                env("PORTAL_INVITE_TEST_POSTGRES_USER", "postgres"),
                env("PORTAL_INVITE_TEST_POSTGRES_PASSWORD", "")
            };
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
            return new String[] {pg.getJdbcUrl("postgres", "postgres"), "postgres", ""};
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
