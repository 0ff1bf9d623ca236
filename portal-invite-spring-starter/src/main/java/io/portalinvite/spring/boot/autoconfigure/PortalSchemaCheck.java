package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.jdbc.DatabasePlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Checks at start-up that every one of the library's migrations has been applied, whichever tool
 * applied it (the starter, the host's Flyway, Liquibase, a DBA), by probing for what each migration
 * creates. A missing or partly applied schema stops the start, naming the first missing migration
 * and {@code portal.invite.jdbc.initialize-schema}, instead of failing later on first use.
 */
final class PortalSchemaCheck {

    static final String PROPERTY = "portal.invite.jdbc.initialize-schema";

    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    /**
     * A query per migration version that succeeds only once that migration has run. Every script
     * version needs one (a test checks the scripts against this table).
     */
    static final Map<Integer, String> PROBES = Map.of(
            1, "SELECT practice_id, patient_id, token_digest FROM pi_invitation WHERE 1 = 0",
            2, "SELECT practice_id, source FROM pi_template WHERE 1 = 0",
            3, "SELECT id FROM pi_password_reset WHERE 1 = 0",
            4, "SELECT scope, consent_version FROM pi_access WHERE 1 = 0",
            5, "SELECT subject_id FROM pi_outbox WHERE 1 = 0",
            6, "SELECT id, state, expires_at FROM pi_sign_in_budget WHERE 1 = 0",
            7, "SELECT closed_at FROM pi_invitation WHERE 1 = 0",
            8, "SELECT message_language FROM pi_invitation WHERE 1 = 0",
            9, "SELECT second_factor FROM pi_settings WHERE 1 = 0");

    private PortalSchemaCheck() {}

    /**
     * Returns the migration scripts shipped for a platform, by version.
     *
     * @param platform the database platform
     * @return script file names by version, in order
     */
    static TreeMap<Integer, String> scripts(DatabasePlatform platform) {
        TreeMap<Integer, String> scripts = new TreeMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(PortalSchemaCheck.class.getClassLoader())
                    .getResources("classpath*:" + platform.schemaLocation() + "/V*__*.sql");
            for (Resource resource : resources) {
                String name = resource.getFilename();
                Matcher m = name == null ? null : SCRIPT.matcher(name);
                if (m != null && m.matches()) {
                    scripts.put(Integer.parseInt(m.group(1)), name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scripts;
    }

    /**
     * Probes the database for every migration.
     *
     * @param dataSource the database
     * @param platform its platform
     * @param mode the configured initialization mode, named in the failure
     * @throws PortalInviteConfigurationException naming the first migration that is missing
     */
    static void require(
            DataSource dataSource, DatabasePlatform platform, PortalInviteProperties.SchemaInitialization mode) {
        List<String> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // a failed probe would abort an open transaction on PostgreSQL; each probe stands alone
            connection.setAutoCommit(true);
            try {
                for (Map.Entry<Integer, String> script : scripts(platform).entrySet()) {
                    String probe = PROBES.get(script.getKey());
                    if (probe != null && !succeeds(connection, probe)) {
                        missing.add(script.getValue().replace(".sql", ""));
                    }
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw Problems.single(PROPERTY, mode, "the portal-invite schema could not be checked: " + e.getMessage());
        }
        if (!missing.isEmpty()) {
            throw Problems.single(
                    PROPERTY,
                    mode,
                    "the portal-invite tables are missing or behind on " + platform.id() + ": migration "
                            + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                            + " not applied. Set " + PROPERTY + "=always to let the starter apply them (under "
                            + "its own Flyway history table), or apply the scripts in classpath:"
                            + platform.schemaLocation() + " with your own Flyway or Liquibase (README, "
                            + "section Schema)");
        }
    }

    private static boolean succeeds(Connection connection, String probe) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery(probe).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
