package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.common.PracticeId;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.PortalSettings.Setting;
import io.portalinvite.settings.SettingsOverrides;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A practice's settings row written before the store kept only a practice's own choices means what
 * it meant after the upgrade: every stored value stays the practice's choice, and the optional
 * settings it left empty stay empty, whatever the host's defaults say.
 */
class SettingsMigrationTest {

    @Test
    void upgradeWhenRowWrittenBeforeThenEverySettingStaysThePracticesOwnChoice() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:settings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + DatabasePlatform.H2.schemaLocation())
                .table(PortalSchema.HISTORY_TABLE)
                .target("4")
                .load()
                .migrate();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO pi_settings (practice_id, enabled, practice_name, invitation_link_base, "
                    + "invitation_lifetime_ms, sms_notice, locale, time_zone, phone_region, password_min_length, "
                    + "password_max_length, dob_check, max_dob_attempts, max_resends_per_hour, max_resends_per_day) "
                    + "VALUES ('legacy', TRUE, 'Old Clinic', 'https://portal.old.example/invitation', 86400000, "
                    + "FALSE, 'en-AU', 'Australia/Perth', 'AU', 15, 1024, TRUE, 5, 3, 10)");
        }

        PortalSchema.migrate(dataSource);

        JdbcPortalStorage storage = JdbcPortalStorage.create(dataSource);
        SettingsOverrides stored = storage.transactions()
                .inTransaction(() -> storage.settings().find(PracticeId.of("legacy")))
                .orElseThrow();
        // a setting that came after that version (the second factor) was never chosen: it follows the defaults
        assertThat(stored.chosen()).isEqualTo(EnumSet.complementOf(EnumSet.of(Setting.SECOND_FACTOR)));
        PortalSettings hostDefaults = PortalSettings.builder(PracticeId.of("legacy"))
                .practiceName("New Default")
                .senderName("Default Sender")
                .invitationLifetime(Duration.ofDays(3))
                .build();
        PortalSettings inForce = stored.over(hostDefaults);
        assertThat(inForce.practice().name()).isEqualTo("Old Clinic");
        assertThat(inForce.links().invitationLifetime()).isEqualTo(Duration.ofDays(1));
        assertThat(inForce.practice().senderName())
                .as("left empty before: stays empty")
                .isNull();
        assertThat(inForce.registration().consent()).isNull();
        assertThat(inForce.enabled()).isTrue();
    }
}
