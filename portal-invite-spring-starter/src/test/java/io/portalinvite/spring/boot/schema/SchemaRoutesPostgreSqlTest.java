package io.portalinvite.spring.boot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.jdbc.PortalSchema;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.PortalFixture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each documented way to create portal-invite's tables, on PostgreSQL, for a host whose own
 * migrations already number from V1 and whose database already exists: the starter's own history
 * table, the host's Flyway running the library's scripts under a history table of their own, and
 * Liquibase including the library's changelog. Each host is started twice, as on a restart.
 */
class SchemaRoutesPostgreSqlTest {

    @Test
    void starterOwnHistoryTableBesideTheHostsFlywayThenBothMigrateAndRestartCleanly() {
        String[] db = TestPostgres.newDatabase();
        hostFlywayOnly(db);
        List<String> properties = base(db);
        properties.add("spring.flyway.enabled=true");
        properties.add("spring.flyway.locations=classpath:db/host-migration");
        properties.add("portal.invite.jdbc.initialize-schema=always");

        for (int start = 0; start < 2; start++) {
            try (ConfigurableApplicationContext host = start(properties)) {
                assertThat(invite(host)).isEqualTo(InviteOutcome.INVITED);
                assertThat(versions(host, "flyway_schema_history")).containsExactly("1", "2");
                assertThat(versions(host, PortalSchema.HISTORY_TABLE))
                        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
            }
        }
    }

    @Test
    void hostsFlywayRunningTheLibrarysScriptsUnderTheirOwnHistoryThenMigratesAnExistingDatabase() {
        String[] db = TestPostgres.newDatabase();
        hostFlywayOnly(db);
        List<String> properties = base(db);
        properties.add("spring.flyway.enabled=true");
        properties.add("spring.flyway.locations=classpath:db/host-migration");
        properties.add("portal.invite.jdbc.initialize-schema=never");
        properties.add("host.flyway-strategy=true");

        for (int start = 0; start < 2; start++) {
            try (ConfigurableApplicationContext host = start(properties)) {
                assertThat(invite(host)).isEqualTo(InviteOutcome.INVITED);
                assertThat(versions(host, "flyway_schema_history")).containsExactly("1", "2");
                assertThat(versions(host, PortalSchema.HISTORY_TABLE))
                        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
            }
        }
    }

    @Test
    void liquibaseIncludingTheLibrarysChangelogThenMigratesBesideTheHostsChangeSets() {
        String[] db = TestPostgres.newDatabase();
        List<String> properties = base(db);
        properties.add("spring.liquibase.enabled=true");
        properties.add("spring.liquibase.change-log=classpath:db/changelog/host-master.yaml");
        properties.add("portal.invite.jdbc.initialize-schema=never");

        for (int start = 0; start < 2; start++) {
            try (ConfigurableApplicationContext host = start(properties)) {
                assertThat(invite(host)).isEqualTo(InviteOutcome.INVITED);
                List<String> ids = new JdbcTemplate(host.getBean(DataSource.class))
                        .queryForList("SELECT id FROM databasechangelog ORDER BY orderexecuted", String.class);
                assertThat(ids)
                        .containsExactly(
                                "1",
                                "portal-invite-1-postgresql",
                                "portal-invite-2-postgresql",
                                "portal-invite-3-postgresql",
                                "portal-invite-4-postgresql",
                                "portal-invite-5-postgresql",
                                "portal-invite-6-postgresql",
                                "portal-invite-7-postgresql");
            }
        }
    }

    /** What a host already has before it adds portal-invite: its own Flyway migrations applied. */
    private static void hostFlywayOnly(String[] db) {
        Flyway.configure()
                .dataSource(db[0], db[1], db[2])
                .locations("classpath:db/host-migration")
                .load()
                .migrate();
    }

    private static List<String> base(String[] db) {
        List<String> properties = new ArrayList<>();
        properties.add("spring.datasource.url=" + db[0]);
        properties.add("spring.datasource.username=" + db[1]);
        properties.add("spring.datasource.password=" + db[2]);
        properties.add("portal.invite.token-key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
        properties.add("portal.invite.practice-defaults.link-base-url=https://practice.example/portal/invitation");
        properties.add("portal.invite.dispatcher.enabled=false");
        properties.add("portal.invite.maintenance.enabled=false");
        return properties;
    }

    private static ConfigurableApplicationContext start(List<String> properties) {
        // as command-line arguments, so they win over the test class path's application.properties
        return new SpringApplicationBuilder(SchemaHost.class)
                .web(WebApplicationType.NONE)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private static InviteOutcome invite(ConfigurableApplicationContext host) {
        PortalInvite portal = host.getBean(PortalInvite.class);
        PracticeId practice = PracticeId.of("sunrise");
        if (!portal.settings().get(practice).enabled()) {
            portal.settings().enable(practice, StaffId.of("admin"));
        }
        String id = "PT-" + System.nanoTime();
        return portal.invitations()
                .invite(InviteRequest.newPatient("sunrise", "reception")
                        .patientId(id)
                        .name("Ada", "Lovelace")
                        .dateOfBirth(LocalDate.of(1990, 5, 17))
                        .email("ada." + System.nanoTime() + "@example.org")
                        .build())
                .outcome();
    }

    private static List<String> versions(ConfigurableApplicationContext host, String table) {
        return new JdbcTemplate(host.getBean(DataSource.class))
                .queryForList("SELECT version FROM " + table + " WHERE success ORDER BY installed_rank", String.class);
    }

    /** A host with PostgreSQL, its own migrations, and the starter. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SchemaHost {

        @Bean
        CapturingEmailSender emailSender() {
            return new CapturingEmailSender();
        }

        @Bean
        PasswordHasher passwordHasher() {
            return PortalFixture.fastHasher();
        }

        /** The README's Flyway route: the host's migrations, then portal-invite's under their own history. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnProperty(name = "host.flyway-strategy", havingValue = "true")
        static class HostFlywayRunsPortalInvite {
            @Bean
            FlywayMigrationStrategy hostThenPortalInvite(DataSource dataSource) {
                return flyway -> {
                    flyway.migrate();
                    PortalSchema.migrate(dataSource);
                };
            }
        }
    }
}
