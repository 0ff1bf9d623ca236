package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.jdbc.DatabasePlatform;
import io.portalinvite.jdbc.PortalSchema;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** Start-up refuses a schema that is missing or behind, naming the property and the first missing migration. */
class PortalSchemaCheckTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(PortalInviteJdbcAutoConfiguration.class, PortalInviteAutoConfiguration.class))
            .withUserConfiguration(PortalInviteAutoConfigurationTest.CapturingSenders.class)
            .withPropertyValues(TestPortal.REQUIRED)
            .withPropertyValues("portal.invite.dispatcher.enabled=false", "portal.invite.maintenance.enabled=false");

    @Test
    void schemaAbsentWithInitializationOffThenStartupFailsNamingThePropertyAndEveryMigration() {
        DataSource db = h2();
        runner.withBean(DataSource.class, () -> db)
                .withPropertyValues("portal.invite.jdbc.initialize-schema=never")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .isInstanceOf(PortalInviteConfigurationException.class)
                        .hasMessageContaining("portal.invite.jdbc.initialize-schema=\"NEVER\"")
                        .hasMessageContaining(
                                "V1__portal_invite, V2__message_templates, V3__reset_bulk_expiry, "
                                        + "V4__access_lifecycle, V5__subjects_and_settings_overrides, V6__sign_in_budgets, "
                                        + "V7__redemption_without_index_writes, V8__invitation_language, V9__authenticators are not applied")
                        .hasMessageContaining("initialize-schema=always"));
        assertThat(tables(db)).isZero();
    }

    @Test
    void schemaBehindByOneMigrationThenStartupFailsNamingOnlyThatMigration() {
        DataSource db = h2();
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:" + DatabasePlatform.H2.schemaLocation())
                .table(PortalSchema.HISTORY_TABLE)
                .target("8")
                .load()
                .migrate();
        runner.withBean(DataSource.class, () -> db)
                .withPropertyValues("portal.invite.jdbc.initialize-schema=never")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .hasMessageContaining("migration V9__authenticators is not applied")
                        .hasMessageNotContaining("V8__"));
    }

    @Test
    void schemaBehindWithInitializationAlwaysThenTheStarterCatchesUpAndStarts() {
        DataSource db = h2();
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:" + DatabasePlatform.H2.schemaLocation())
                .table(PortalSchema.HISTORY_TABLE)
                .target("2")
                .load()
                .migrate();
        runner.withBean(DataSource.class, () -> db)
                .withPropertyValues("portal.invite.jdbc.initialize-schema=always")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(PortalInvite.class);
                    assertThat(context.getBean(PortalSchemaInitializer.class).applied())
                            .isTrue();
                });
    }

    @ParameterizedTest
    @EnumSource(DatabasePlatform.class)
    void everyShippedMigrationHasAProbe(DatabasePlatform platform) {
        assertThat(PortalSchemaCheck.scripts(platform)).isNotEmpty();
        assertThat(PortalSchemaCheck.PROBES.keySet())
                .as("a probe per migration script of %s", platform)
                .containsAll(PortalSchemaCheck.scripts(platform).keySet());
    }

    private static DataSource h2() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:schema-check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return db;
    }

    private static int tables(DataSource db) {
        Integer n = new JdbcTemplate(db)
                .queryForObject(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) LIKE 'pi\\_%'",
                        Integer.class);
        return n == null ? 0 : n;
    }
}
