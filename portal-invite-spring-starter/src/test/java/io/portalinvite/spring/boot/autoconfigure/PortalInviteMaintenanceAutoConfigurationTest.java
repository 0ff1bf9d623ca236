package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.settings.PortalSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The scheduled maintenance sweep and the practice defaults it relies on. */
class PortalInviteMaintenanceAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(PortalInviteJdbcAutoConfiguration.class, PortalInviteAutoConfiguration.class))
            .withPropertyValues(TestPortal.REQUIRED);

    @Test
    void maintenanceSweepRunsWithTheContextCanBeSwitchedOffAndStopsWithIt() {
        PortalInviteMaintenanceLifecycle[] lifecycle = new PortalInviteMaintenanceLifecycle[1];
        runner.withPropertyValues("portal.invite.maintenance.interval=2m").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PortalInviteMaintenanceLifecycle.class);
            lifecycle[0] = context.getBean(PortalInviteMaintenanceLifecycle.class);
            assertThat(lifecycle[0].isRunning()).isTrue();
            assertThat(lifecycle[0].interval()).isEqualTo(Duration.ofMinutes(2));
        });
        assertThat(lifecycle[0].isRunning()).isFalse();
        runner.withPropertyValues("portal.invite.maintenance.enabled=false")
                .run(context -> assertThat(context)
                        .hasSingleBean(PortalInvite.class)
                        .doesNotHaveBean(PortalInviteMaintenanceLifecycle.class));
    }

    @Test
    void practiceDefaultsCarryPacingReminderAndResetPage() {
        runner.withPropertyValues(
                        "portal.invite.practice-defaults.link-base-url=https://portal.example/invitation",
                        "portal.invite.practice-defaults.messages-per-minute=120",
                        "portal.invite.practice-defaults.reminder-before=2d",
                        "portal.invite.practice-defaults.password-reset-link-url=https://portal.example/forgot")
                .run(context -> {
                    PortalSettings s =
                            context.getBean(PortalInvite.class).settings().get(PracticeId.of("p-1"));
                    assertThat(s.delivery().messagesPerMinute()).isEqualTo(120);
                    assertThat(s.links().reminderBefore()).isEqualTo(Duration.ofDays(2));
                    assertThat(s.links().resetLinkBase()).isEqualTo(URI.create("https://portal.example/forgot"));
                });
        runner.withPropertyValues("portal.invite.practice-defaults.reminder-before=8d")
                .run(context -> assertThat(context).hasFailed());
    }
}
