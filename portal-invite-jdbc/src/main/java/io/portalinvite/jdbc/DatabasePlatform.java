package io.portalinvite.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the JDBC stores support, named by their Spring Boot platform id. The id is also the
 * folder of the platform's schema scripts: {@code io/portalinvite/jdbc/schema/<id>/}. Each is tested
 * for real in every build. MySQL is not among them: no MySQL server runs in the project's builds, so
 * its scripts could not be kept proven; MariaDB, which is, covers the same hosts.
 */
public enum DatabasePlatform {

    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql", " FOR UPDATE SKIP LOCKED"),
    /** MariaDB 10.6 or later (the first with SKIP LOCKED). */
    MARIADB("mariadb", " FOR UPDATE SKIP LOCKED"),
    /**
     * H2 2.x. It has no SKIP LOCKED (h2database #2985), so competing claimers wait for each other's
     * locks instead of skipping; the conditional claim update keeps claims exclusive either way.
     */
    H2("h2", " FOR UPDATE");

    private final String id;
    private final String lockClause;

    DatabasePlatform(String id, String lockClause) {
        this.id = id;
        this.lockClause = lockClause;
    }

    /**
     * Returns the Spring Boot platform id.
     *
     * @return e.g. {@code postgresql}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the classpath folder of this platform's versioned schema scripts.
     *
     * @return e.g. {@code io/portalinvite/jdbc/schema/postgresql}
     */
    public String schemaLocation() {
        return "io/portalinvite/jdbc/schema/" + id;
    }

    String lockClause() {
        return lockClause;
    }

    /** Tells whether {@code column = ANY(?)} with an array parameter works (PostgreSQL, H2). */
    boolean hasArrays() {
        return this == POSTGRESQL || this == H2;
    }

    /**
     * Tells which platform a data source connects to.
     *
     * @param dataSource the data source
     * @return the platform
     * @throws UnsupportedDatabaseException for a database the stores do not support (MySQL among them)
     * @throws JdbcStoreException when the database cannot be reached
     */
    public static DatabasePlatform detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return detect(c.getMetaData());
        } catch (SQLException e) {
            throw new JdbcStoreException("detect database platform", e);
        }
    }

    static DatabasePlatform detect(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = meta.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || version.contains("mariadb")) {
            return MARIADB;
        }
        if (product.contains("mysql")) {
            throw new UnsupportedDatabaseException("portal-invite-jdbc does not support MySQL ("
                    + meta.getDatabaseProductVersion() + "): it is not tested against a MySQL server. "
                    + "MariaDB 10.6+ is supported, as are PostgreSQL 12+ and H2 2.x");
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new UnsupportedDatabaseException("portal-invite-jdbc does not support " + meta.getDatabaseProductName()
                + "; supported: PostgreSQL 12+, MariaDB 10.6+, H2 2.x");
    }
}
