package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.PracticeId;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.spring.actuate.PortalInviteHealthIndicator;
import io.portalinvite.spring.security.PortalInviteAuthenticationProvider;
import io.portalinvite.spring.security.PortalUserDetails;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingEmailSender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class PortalInviteSettingsHealthAndPrincipalTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PortalInviteJdbcAutoConfiguration.class,
                    PortalInviteAutoConfiguration.class,
                    PortalInviteSecurityAutoConfiguration.class,
                    PortalInviteActuatorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class))
            .withUserConfiguration(PortalInviteAutoConfigurationTest.CapturingSenders.class)
            .withPropertyValues(TestPortal.REQUIRED)
            .withPropertyValues("portal.invite.dispatcher.enabled=false");

    @Test
    void outboxHealthOfInMemoryStorageIsRegisteredWithActuatorsRegistryAndReportsTheBacklog() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(PortalInviteHealthIndicator.class);
            HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
            HealthContributor contributor = registry.getContributor("portalInvite");
            assertThat(contributor).isInstanceOf(HealthIndicator.class);
            HealthIndicator health = (HealthIndicator) contributor;
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails())
                    .containsEntry("pending", 0L)
                    .containsEntry("failed", 0L);

            PortalInvite portal = context.getBean(PortalInvite.class);
            TestPortal.enable(portal);
            portal.invitations().invite(TestPortal.newPatient("PT-H"));
            assertThat(health.health().getDetails()).containsEntry("pending", 2L);
        });
    }

    @Test
    void outboxHealthCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.portal-invite.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PortalInviteHealthIndicator.class));
    }

    @Test
    void practiceWithoutSavedSettingsGetsTheConfiguredDefaults() {
        runner.withPropertyValues(
                        "portal.invite.practice-defaults.invitation-lifetime=48h",
                        "portal.invite.practice-defaults.sms-notice=false",
                        "portal.invite.practice-defaults.date-of-birth-check=false",
                        "portal.invite.practice-defaults.locale=en-GB",
                        "portal.invite.practice-defaults.time-zone=Europe/London",
                        "portal.invite.practice-defaults.phone-region=gb",
                        "portal.invite.practice-defaults.password-min-length=12",
                        "portal.invite.practice-defaults.second-factor=required",
                        "portal.invite.practice-defaults.link-base-url=https://portal.example.org/portal/invitation",
                        "portal.invite.practice-defaults.practice-name=Riverside Surgery")
                .run(context -> {
                    PortalSettings settings =
                            context.getBean(PortalInvite.class).settings().get(PracticeId.of("never-saved"));
                    assertThat(settings.enabled()).isFalse();
                    assertThat(settings.links().invitationLifetime()).isEqualTo(Duration.ofHours(48));
                    assertThat(settings.delivery().smsNotice()).isFalse();
                    assertThat(settings.registration().dateOfBirthCheck()).isFalse();
                    assertThat(settings.practice().locale()).isEqualTo(Locale.forLanguageTag("en-GB"));
                    assertThat(settings.practice().timeZone()).isEqualTo(ZoneId.of("Europe/London"));
                    assertThat(settings.practice().defaultPhoneRegion()).isEqualTo("GB");
                    assertThat(settings.registration().passwordPolicy().minLength())
                            .isEqualTo(12);
                    assertThat(settings.links().invitationLinkBase())
                            .hasToString("https://portal.example.org/portal/invitation");
                    assertThat(settings.practice().name()).isEqualTo("Riverside Surgery");
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    assertThat(portal.storage())
                            .as("the host's storage, not a wrapper")
                            .isSameAs(context.getBean(PortalStorage.class));
                    assertThat(portal.storage().settings().find(PracticeId.of("never-saved")))
                            .as("defaults are not written to the store")
                            .isEmpty();
                });
    }

    @Test
    void enablingAPracticeSavesTheConfiguredDefaultsAndSavedSettingsWinAfterwards() {
        runner.withPropertyValues("portal.invite.practice-defaults.practice-name=Riverside Surgery")
                .run(context -> {
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    PortalSettings enabled = portal.settings().enable(TestPortal.PRACTICE, TestPortal.STAFF);
                    assertThat(enabled.enabled()).isTrue();
                    assertThat(enabled.practice().name()).isEqualTo("Riverside Surgery");
                    portal.settings()
                            .save(enabled.toBuilder().practiceName("Renamed").build(), TestPortal.STAFF);
                    assertThat(portal.settings()
                                    .get(TestPortal.PRACTICE)
                                    .practice()
                                    .name())
                            .isEqualTo("Renamed");
                });
    }

    @Test
    void withOnlyTheLinkBaseConfiguredTheLibraryDefaultsApplyToEveryOtherField() {
        runner.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            assertThat(portal.settings().get(PracticeId.of("p-9")))
                    .isEqualTo(PortalSettings.builder(PracticeId.of("p-9"))
                            .invitationLinkBase(TestPortal.LINK_BASE)
                            .build());
            assertThat(portal.storage()).isSameAs(context.getBean(PortalStorage.class));
        });
    }

    @Test
    void practiceDefaultsOutsideTheLibrarysRulesFailStartup() {
        runner.withPropertyValues("portal.invite.practice-defaults.invitation-lifetime=8d")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("portal.invite.practice-defaults.invitation-lifetime=\"PT192H\""));
        runner.withPropertyValues("portal.invite.practice-defaults.link-base-url=http://portal.example.org/x")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "portal.invite.practice-defaults.link-base-url=\"http://portal.example.org/x\""));
        runner.withPropertyValues("portal.invite.practice-defaults.password-min-length=4")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("portal.invite.practice-defaults.password-min-length=\"4\""));
    }

    @Test
    void authenticatedPortalUserDetailsSurviveJavaSerializationWithThePrincipal() {
        runner.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            TestPortal.enable(portal);
            portal.invitations().invite(TestPortal.newPatient("PT-S"));
            portal.dispatcher().drain();
            String token = context.getBean(CapturingEmailSender.class).lastToken();
            portal.registration()
                    .complete(new CompleteRegistration(
                            token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, TestPortal.DOB));
            Authentication auth = new PortalInviteAuthenticationProvider(portal.login())
                    .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                            "ada.pt-s@example.org", TestPortal.GOOD_PASSWORD));

            Authentication copy = roundTrip(auth);

            PortalUserDetails user = (PortalUserDetails) copy.getPrincipal();
            PortalUserDetails original = (PortalUserDetails) auth.getPrincipal();
            assertThat(user.principal()).isEqualTo(original.principal());
            assertThat(user.getUsername()).isEqualTo("ada.pt-s@example.org");
            assertThat(user.patients(AccessKind.SELF))
                    .singleElement()
                    .satisfies(a -> assertThat(a.patientId().value()).isEqualTo("PT-S"));
            assertThat(copy.getAuthorities())
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("ROLE_PORTAL_USER", "ROLE_PORTAL_PATIENT");
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
