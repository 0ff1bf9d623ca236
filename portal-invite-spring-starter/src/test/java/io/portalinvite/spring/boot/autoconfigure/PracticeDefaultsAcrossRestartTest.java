package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code portal.invite.practice-defaults.*} are defaults, not a copy taken when a practice enables its
 * portal: two application runs on one database, the second with changed properties, show that a
 * practice follows every changed default it has not set itself and keeps what its staff chose.
 */
class PracticeDefaultsAcrossRestartTest {

    /** One H2 database that outlives each application run, as a server database would. */
    private final String databaseUrl =
            "jdbc:h2:mem:restart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";

    private ApplicationContextRunner application(String... practiceDefaults) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class,
                        TransactionAutoConfiguration.class,
                        PortalInviteJdbcAutoConfiguration.class,
                        PortalInviteAutoConfiguration.class))
                .withPropertyValues(TestPortal.REQUIRED)
                .withPropertyValues(
                        "spring.datasource.url=" + databaseUrl,
                        "portal.invite.jdbc.initialize-schema=always",
                        "portal.invite.dispatcher.enabled=false")
                .withPropertyValues(practiceDefaults)
                .withUserConfiguration(Senders.class);
    }

    @Test
    void practiceDefaultChangedAfterEnableWhenRestartedThenEveryFieldNotSetByStaffFollowsIt() {
        application(
                        "portal.invite.practice-defaults.practice-name=Sunrise Family Clinic",
                        "portal.invite.practice-defaults.invitation-lifetime=7d",
                        "portal.invite.practice-defaults.sms-notice=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    portal.settings().enable(TestPortal.PRACTICE, TestPortal.STAFF);
                    // staff choose one setting themselves; everything else stays the host's default
                    PortalSettings inForce = portal.settings().get(TestPortal.PRACTICE);
                    portal.settings().save(inForce.toBuilder().smsNotice(false).build(), TestPortal.STAFF);

                    portal.invitations().invite(TestPortal.newPatient("PT-BEFORE"));
                    portal.dispatcher().drain();
                    assertThat(context.getBean(CapturingEmailSender.class)
                                    .last()
                                    .fromName())
                            .isEqualTo("Sunrise Family Clinic");
                });

        application(
                        "portal.invite.practice-defaults.practice-name=Sunrise Medical Centre",
                        "portal.invite.practice-defaults.invitation-lifetime=3d",
                        "portal.invite.practice-defaults.sms-notice=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    PortalSettings afterRestart = portal.settings().get(TestPortal.PRACTICE);

                    assertThat(afterRestart.enabled()).isTrue();
                    assertThat(afterRestart.practice().name()).isEqualTo("Sunrise Medical Centre");
                    assertThat(afterRestart.links().invitationLifetime()).isEqualTo(Duration.ofDays(3));
                    assertThat(afterRestart.delivery().smsNotice())
                            .as("chosen by staff")
                            .isFalse();

                    portal.invitations().invite(TestPortal.newPatient("PT-AFTER"));
                    portal.dispatcher().drain();
                    CapturingEmailSender email = context.getBean(CapturingEmailSender.class);
                    assertThat(email.last().fromName()).isEqualTo("Sunrise Medical Centre");
                    assertThat(email.last().textBody()).contains("Sunrise Medical Centre");
                });
    }

    /** Capturing senders and a fast hasher, as a test host would configure them. */
    @Configuration(proxyBeanMethods = false)
    static class Senders {
        @Bean
        CapturingEmailSender capturingEmail() {
            return new CapturingEmailSender();
        }

        @Bean
        PasswordHasher fastHasher() {
            return PortalFixture.fastHasher();
        }
    }
}
