package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.PortalInvite;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.spring.actuate.PortalInviteHealthIndicator;
import io.portalinvite.spring.jdbc.SpringTransactionRunner;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.CapturingSmsSender;
import io.portalinvite.testing.PortalFixture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

class PortalInviteJdbcAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    PortalInviteJdbcAutoConfiguration.class,
                    PortalInviteAutoConfiguration.class,
                    PortalInviteActuatorAutoConfiguration.class))
            .withPropertyValues(TestPortal.REQUIRED)
            .withPropertyValues("portal.invite.dispatcher.enabled=false")
            .withUserConfiguration(Host.class);

    @Test
    void withAnEmbeddedDataSourceTheStoresAreJdbcJoinedToSpringTransactionsAndTheSchemaIsCreated() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            PortalStorage storage = context.getBean(PortalStorage.class);
            assertThat(storage).isInstanceOf(JdbcPortalStorage.class);
            assertThat(storage.transactions()).isInstanceOf(SpringTransactionRunner.class);
            assertThat(context.getBean(PortalSchemaInitializer.class).applied()).isTrue();
            assertThat(tableExists(context.getBean(DataSource.class), "PI_OUTBOX"))
                    .isTrue();
            assertThat(tableExists(context.getBean(DataSource.class), "PORTAL_INVITE_SCHEMA_HISTORY"))
                    .isTrue();
        });
    }

    @Test
    void aHostTransactionThatRollsBackTakesTheInvitationAndItsMessagesWithIt() {
        runner.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            TestPortal.enable(portal);
            PatientService patients = context.getBean(PatientService.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));

            assertThatThrownBy(() -> patients.savePatientAndInvite("PT-1", true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("patient save failed");

            assertThat(count(jdbc, "patient")).isZero();
            assertThat(count(jdbc, "pi_invitation")).isZero();
            assertThat(count(jdbc, "pi_outbox")).isZero();
            assertThat(portal.dispatcher().drain()).isZero();
            assertThat(context.getBean(CapturingEmailSender.class).sent()).isEmpty();
            assertThat(context.getBean(Host.class).events).isEmpty();
        });
    }

    @Test
    void aHostTransactionThatCommitsStoresOneInvitationAndTheDispatcherDeliversIt() {
        runner.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            TestPortal.enable(portal);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));

            InviteOutcome outcome = context.getBean(PatientService.class).savePatientAndInvite("PT-2", false);

            assertThat(outcome).isEqualTo(InviteOutcome.INVITED);
            assertThat(count(jdbc, "patient")).isEqualTo(1);
            assertThat(count(jdbc, "pi_invitation")).isEqualTo(1);
            assertThat(context.getBean(Host.class).events)
                    .singleElement()
                    .asString()
                    .contains("InvitationCreated");
            assertThat(portal.dispatcher().drain()).isEqualTo(2);
            CapturingEmailSender email = context.getBean(CapturingEmailSender.class);
            assertThat(email.sent())
                    .singleElement()
                    .satisfies(m -> assertThat(m.to().toString()).isEqualTo("ada.pt-2@example.org"));
            assertThat(context.getBean(CapturingSmsSender.class).sent()).hasSize(1);
        });
    }

    @Test
    void outboxHealthIsUpWithThePendingCountAndDownWhenMessagesWaitTooLong() {
        runner.withPropertyValues("portal.invite.health.max-overdue=0s").run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            PortalInviteHealthIndicator health = context.getBean(PortalInviteHealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            TestPortal.enable(portal);
            portal.invitations().invite(TestPortal.newPatient("PT-3"));
            Thread.sleep(5);
            Health waiting = health.health();
            assertThat(waiting.getStatus()).isEqualTo(Status.DOWN);
            assertThat(waiting.getDetails())
                    .containsEntry("pending", 2L)
                    .containsEntry("due", 2L)
                    .containsKey("oldestDue");

            portal.dispatcher().drain();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("pending", 0L);
        });
    }

    private static long count(JdbcTemplate jdbc, String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    private static boolean tableExists(DataSource dataSource, String table) {
        // no UPPER(): the build runs in the Turkish locale, where upper-case 'i' is not 'I'
        Long n = new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN (?, ?)",
                        Long.class,
                        table.toUpperCase(java.util.Locale.ROOT),
                        table.toLowerCase(java.util.Locale.ROOT));
        return n != null && n > 0;
    }

    /** A host application: its own table, its own transactional service, capturing senders. */
    @Configuration(proxyBeanMethods = false)
    static class Host {
        final java.util.List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        CapturingEmailSender capturingEmail() {
            return new CapturingEmailSender();
        }

        @Bean
        CapturingSmsSender capturingSms() {
            return new CapturingSmsSender();
        }

        @Bean
        PasswordHasher fastHasher() {
            return PortalFixture.fastHasher();
        }

        @Bean
        io.portalinvite.event.PortalEventListener invitationsCreated() {
            return event -> {
                if (event instanceof io.portalinvite.event.PortalEvent.InvitationCreated) {
                    events.add(event);
                }
            };
        }

        @Bean
        PatientService patientService(DataSource dataSource, PortalInvite portal) {
            new JdbcTemplate(dataSource).execute("CREATE TABLE IF NOT EXISTS patient (id VARCHAR(20) PRIMARY KEY)");
            return new PatientService(new JdbcTemplate(dataSource), portal);
        }
    }

    /** The host's service: saves a patient row and invites in one {@code @Transactional} method. */
    static class PatientService {
        private final JdbcTemplate jdbc;
        private final PortalInvite portal;

        PatientService(JdbcTemplate jdbc, PortalInvite portal) {
            this.jdbc = jdbc;
            this.portal = portal;
        }

        @Transactional
        public InviteOutcome savePatientAndInvite(String patientId, boolean failAfterInvite) {
            jdbc.update("INSERT INTO patient (id) VALUES (?)", patientId);
            InviteOutcome outcome = portal.invitations()
                    .invite(TestPortal.newPatient(patientId))
                    .outcome();
            if (failAfterInvite) {
                throw new IllegalStateException("patient save failed");
            }
            return outcome;
        }
    }
}
