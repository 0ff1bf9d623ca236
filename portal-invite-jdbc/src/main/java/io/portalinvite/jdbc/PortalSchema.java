package io.portalinvite.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the portal-invite tables with Flyway, under a history table of its own
 * ({@value #HISTORY_TABLE}) so it never mixes with the host's migrations.
 *
 * <p>Hosts that run their own Flyway or Liquibase can instead include the versioned scripts from
 * {@code classpath:io/portalinvite/jdbc/schema/<platform>/} (see the README).
 */
public final class PortalSchema {

    /** The Flyway history table used for the library's own migrations. */
    public static final String HISTORY_TABLE = "portal_invite_schema_history";

    private PortalSchema() {}

    /**
     * Applies every pending migration for the detected database.
     *
     * @param dataSource the database
     * @return how many migrations were applied
     */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, DatabasePlatform.detect(dataSource));
    }

    /**
     * Applies every pending migration for the given database.
     *
     * @param dataSource the database
     * @param platform the database's platform
     * @return how many migrations were applied
     */
    public static int migrate(DataSource dataSource, DatabasePlatform platform) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + platform.schemaLocation())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
