package io.portalinvite.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.spring.jdbc.SpringTransactionRunner;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.PortalFixture;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A real Spring Boot application with only the starter and H2 on the classpath: proves that the
 * auto-configuration is found through {@code AutoConfiguration.imports} (the other tests name the
 * auto-configuration classes themselves) and that a {@code @Transactional} host service that throws
 * after inviting leaves nothing behind.
 */
@SpringBootTest(
        classes = StarterApplicationTest.App.class,
        properties = {
            "portal.invite.dispatcher.enabled=false",
            "portal.invite.token-key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            "portal.invite.practice-defaults.link-base-url=https://portal.app.example/portal/invitation"
        })
class StarterApplicationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    PortalInvite portal;

    @Autowired
    PatientService patients;

    @Autowired
    CapturingEmailSender email;

    @Test
    void applicationWhenStartedThenStarterWiresJdbcStoresInSpringTransactions() {
        PortalStorage storage = context.getBean(PortalStorage.class);
        assertThat(storage).isInstanceOf(JdbcPortalStorage.class);
        assertThat(storage.transactions()).isInstanceOf(SpringTransactionRunner.class);
        assertThat(context.getBeansOfType(SmartLifecycle.class).keySet())
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("dispatcher"));
    }

    @Test
    void transactionalHostServiceWhenItThrowsAfterInvitingThenNothingIsSavedOrSent() {
        portal.settings().enable(PracticeId.of("app-practice"), StaffId.of("admin"));

        try {
            patients.saveAndInvite("PT-RB", true);
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("host failure after the invite");
        }
        assertThat(patients.count("PT-RB")).isZero();
        assertThat(portal.invitations()
                        .history(PracticeId.of("app-practice"), io.portalinvite.common.PatientId.of("PT-RB")))
                .isEmpty();

        assertThat(patients.saveAndInvite("PT-OK", false)).isEqualTo(InviteOutcome.INVITED);
        assertThat(patients.count("PT-OK")).isOne();
        portal.dispatcher().drain();
        assertThat(email.sent())
                .singleElement()
                .satisfies(m -> assertThat(m.to().value()).isEqualTo("ada.pt-ok@example.org"));
    }

    /** The host application. */
    @SpringBootApplication
    static class App {

        @Bean
        CapturingEmailSender emailSender() {
            return new CapturingEmailSender();
        }

        @Bean
        PasswordHasher passwordHasher() {
            return PortalFixture.fastHasher();
        }

        @Bean
        PatientService patientService(DataSource dataSource, PortalInvite portal) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE IF NOT EXISTS patient (id VARCHAR(40) PRIMARY KEY)");
            return new PatientService(jdbc, portal);
        }
    }

    /** A host service that saves its patient and invites in one transaction. */
    @Service
    static class PatientService {
        private final JdbcTemplate jdbc;
        private final PortalInvite portal;

        PatientService(JdbcTemplate jdbc, PortalInvite portal) {
            this.jdbc = jdbc;
            this.portal = portal;
        }

        @Transactional
        public InviteOutcome saveAndInvite(String id, boolean failAfterwards) {
            jdbc.update("INSERT INTO patient (id) VALUES (?)", id);
            InviteOutcome outcome = portal.invitations()
                    .invite(InviteRequest.newPatient("app-practice", "reception")
                            .patientId(id)
                            .name("Ada", "Lovelace")
                            .dateOfBirth(LocalDate.of(1990, 5, 17))
                            .email("ada." + id.toLowerCase(java.util.Locale.ROOT) + "@example.org")
                            .build())
                    .outcome();
            if (failAfterwards) {
                throw new IllegalStateException("host failure after the invite");
            }
            return outcome;
        }

        long count(String id) {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM patient WHERE id = ?", Long.class, id);
            return n == null ? 0 : n;
        }
    }
}
