package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.jdbc.DatabasePlatform;
import io.portalinvite.jdbc.PortalSchema;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;

/**
 * Applies portal-invite's Flyway scripts ({@link PortalSchema#migrate}) at start-up according to
 * {@code portal.invite.jdbc.initialize-schema}, before the JDBC stores are used, and then checks
 * that every migration is in place, whoever applied it.
 */
public final class PortalSchemaInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PortalSchemaInitializer.class);

    private final DataSource dataSource;
    private final DatabasePlatform platform;
    private final PortalInviteProperties.SchemaInitialization mode;
    private boolean applied;

    /**
     * Creates the initializer.
     *
     * @param dataSource the database
     * @param platform its platform
     * @param mode when to apply the scripts
     */
    public PortalSchemaInitializer(
            DataSource dataSource, DatabasePlatform platform, PortalInviteProperties.SchemaInitialization mode) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Applies pending migrations when the mode asks for it, then checks that none is missing.
     *
     * @throws PortalInviteConfigurationException naming {@code portal.invite.jdbc.initialize-schema}
     *     and the first missing migration
     */
    @Override
    public void afterPropertiesSet() {
        boolean run = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> EmbeddedDatabaseConnection.isEmbedded(dataSource);
        };
        if (run) {
            int count = PortalSchema.migrate(dataSource, platform);
            log.info("portal-invite schema on {}: {} migration(s) applied", platform.id(), count);
            applied = true;
        }
        PortalSchemaCheck.require(dataSource, platform, mode);
    }

    /**
     * Returns whether the scripts were applied at start-up.
     *
     * @return the flag
     */
    public boolean applied() {
        return applied;
    }
}
