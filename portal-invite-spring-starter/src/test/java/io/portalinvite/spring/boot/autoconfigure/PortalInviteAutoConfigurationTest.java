package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portalinvite.PortalInvite;
import io.portalinvite.common.AccessKind;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.micrometer.PortalInviteMetrics;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.spring.security.PortalInviteAuthenticationProvider;
import io.portalinvite.spring.security.PortalUserDetails;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.CapturingSmsSender;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.TokenKey;
import io.portalinvite.twilio.TwilioSmsSender;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

@ExtendWith(OutputCaptureExtension.class)
class PortalInviteAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PortalInviteJdbcAutoConfiguration.class,
                    PortalInviteAutoConfiguration.class,
                    PortalInviteSecurityAutoConfiguration.class,
                    PortalInviteActuatorAutoConfiguration.class))
            .withPropertyValues(TestPortal.REQUIRED);

    @Test
    void defaultsBuildAPortalWithInMemoryStorageAndWarnWhenThereIsNoDataSource(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PortalInvite.class);
            assertThat(context.getBean(PortalStorage.class)).isInstanceOf(InMemoryPortalStorage.class);
            assertThat(context.getBean(PasswordHasher.class)).isInstanceOf(Argon2idPasswordHasher.class);
            assertThat(context)
                    .hasSingleBean(PortalInviteDispatcherLifecycle.class)
                    .doesNotHaveBean(AuthenticationProvider.class)
                    .hasSingleBean(PortalInviteMetrics.class)
                    .doesNotHaveBean(SmsSender.class)
                    .doesNotHaveBean(PortalSchemaInitializer.class);
            assertThat(context.getBean(PortalInviteDispatcherLifecycle.class).isRunning())
                    .isTrue();
        });
        assertThat(output).contains("in-memory storage", "not for production");
    }

    @Test
    void withoutAnSmtpHostEmailsStayQueuedInsteadOfBeingDropped(CapturedOutput output) {
        runner.run(context -> {
            EmailSender sender = context.getBean(EmailSender.class);
            assertThat(sender).isInstanceOf(UnconfiguredEmailSender.class);
            assertThatThrownBy(() -> sender.send(null)).hasMessageContaining("portal.invite.email.smtp.host");
        });
        assertThat(output).contains("portal-invite has no email sender");
    }

    @Test
    void masterSwitchOffCreatesNoPortalBeans() {
        runner.withPropertyValues("portal.invite.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(PortalInvite.class)
                        .doesNotHaveBean(PortalStorage.class)
                        .doesNotHaveBean(TokenKey.class)
                        .doesNotHaveBean(EmailSender.class)
                        .doesNotHaveBean(PortalInviteDispatcherLifecycle.class)
                        .doesNotHaveBean(PortalInviteProperties.class));
    }

    @Test
    void everyReplaceableBeanBacksOffWhenTheHostDefinesOne() {
        runner.withUserConfiguration(HostBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PortalStorage.class)).isSameAs(HostBeans.STORAGE);
            assertThat(context.getBean(TokenKey.class)).isSameAs(HostBeans.KEY);
            assertThat(context.getBean(EmailSender.class)).isSameAs(HostBeans.EMAIL);
            assertThat(context.getBean(SmsSender.class)).isSameAs(HostBeans.SMS);
            assertThat(context.getBean(PasswordHasher.class)).isSameAs(PortalFixture.fastHasher());
            assertThat(context.getBean(PortalInvite.class).storage()).isSameAs(HostBeans.STORAGE);
        });
        runner.withUserConfiguration(HostPortal.class).run(context -> {
            assertThat(context).hasSingleBean(PortalInvite.class);
            assertThat(context.getBean(PortalInvite.class)).isSameAs(context.getBean("hostPortal"));
        });
    }

    @Test
    void propertiesBindIncludingDurationsAndNestedGroups() {
        runner.withPropertyValues(
                        "portal.invite.token-key=" + TestPortal.TOKEN_KEY_BASE64,
                        "portal.invite.default-sender=no-reply@sunrise.example",
                        "portal.invite.message-id-domain=sunrise.example",
                        "portal.invite.retry.initial-delay=30s",
                        "portal.invite.retry.multiplier=3",
                        "portal.invite.retry.max-attempts=4",
                        "portal.invite.login.throttle-from=3",
                        "portal.invite.login.lock-at=50",
                        "portal.invite.hashing.memory-kib=1024",
                        "portal.invite.hashing.iterations=1",
                        "portal.invite.hashing.max-concurrent=3",
                        "portal.invite.dispatcher.poll-interval=250ms",
                        "portal.invite.dispatcher.batch-size=10",
                        "portal.invite.dispatcher.result-batch-size=20",
                        "portal.invite.dispatcher.sms-result-batch-size=4",
                        "portal.invite.dispatcher.result-interval=100ms",
                        "portal.invite.jdbc.initialize-schema=never",
                        "portal.invite.sms.twilio.account-sid=AC00000000000000000000000000000000",
                        "portal.invite.sms.twilio.auth-token=secret",
                        "portal.invite.sms.twilio.from=+61400000000")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PortalInviteProperties p = context.getBean(PortalInviteProperties.class);
                    assertThat(p.getRetry().getInitialDelay()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(p.getRetry().getMultiplier()).isEqualTo(3.0);
                    assertThat(p.getRetry().getMaxAttempts()).isEqualTo(4);
                    assertThat(p.getLogin().getThrottleFrom()).isEqualTo(3);
                    assertThat(p.getLogin().getLockAt()).isEqualTo(50);
                    assertThat(p.getDispatcher().getBatchSize()).isEqualTo(10);
                    assertThat(p.getDispatcher().getResultBatchSize()).isEqualTo(20);
                    assertThat(p.getDispatcher().getSmsResultBatchSize()).isEqualTo(4);
                    assertThat(p.getDispatcher().getResultInterval()).isEqualTo(Duration.ofMillis(100));
                    assertThat(p.getJdbc().getInitializeSchema())
                            .isEqualTo(PortalInviteProperties.SchemaInitialization.NEVER);
                    assertThat(context.getBean(TokenKey.class))
                            .isEqualTo(TokenKey.fromBase64(TestPortal.TOKEN_KEY_BASE64));
                    Argon2idPasswordHasher hasher = (Argon2idPasswordHasher) context.getBean(PasswordHasher.class);
                    assertThat(hasher.parameters().memoryKiB()).isEqualTo(1024);
                    assertThat(hasher.maxConcurrent()).isEqualTo(3);
                    assertThat(context.getBean(PortalInviteDispatcherLifecycle.class)
                                    .pollInterval())
                            .isEqualTo(Duration.ofMillis(250));
                    assertThat(context.getBean(SmsSender.class)).isInstanceOf(TwilioSmsSender.class);
                });
    }

    @Test
    void aBadTokenKeyFailsStartupWithoutEchoingTheKey() {
        runner.withPropertyValues("portal.invite.token-key=c2hvcnQ=")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("portal.invite.token-key")
                        .hasMessageNotContaining("c2hvcnQ="));
    }

    @Test
    void tokenKeyMissingOutsideDevModeThenStartupFailsNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortalInviteAutoConfiguration.class))
                .withPropertyValues("portal.invite.practice-defaults.link-base-url=" + TestPortal.LINK_BASE)
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .isInstanceOf(PortalInviteConfigurationException.class)
                        .hasMessageContaining("portal.invite.token-key=\"(not set)\": is required")
                        .hasMessageContaining("portal.invite.dev-mode=true"));
    }

    @Test
    void tokenKeyMissingInDevModeThenARandomKeyWithAWarning(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortalInviteAutoConfiguration.class))
                .withPropertyValues(
                        "portal.invite.practice-defaults.link-base-url=" + TestPortal.LINK_BASE,
                        "portal.invite.dev-mode=true",
                        "portal.invite.dispatcher.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TokenKey.class));
        assertThat(output).contains("random token key", "development only");
    }

    @Test
    void linkBaseUrlMissingThenStartupFailsInsteadOfMailingDeadLinks() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortalInviteAutoConfiguration.class))
                .withPropertyValues("portal.invite.token-key=" + TestPortal.TOKEN_KEY_BASE64)
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .isInstanceOf(PortalInviteConfigurationException.class)
                        .hasMessageContaining("portal.invite.practice-defaults.link-base-url=\"(not set)\"")
                        .hasMessageContaining("portal.invalid"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortalInviteAutoConfiguration.class))
                .withPropertyValues(
                        "portal.invite.token-key=" + TestPortal.TOKEN_KEY_BASE64,
                        "portal.invite.practice-defaults.link-base-url=https://portal.invalid/invitation")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .hasMessageContaining("portal.invite.practice-defaults.link-base-url"));
    }

    @Test
    void secretValuesRefusedAtStartupAreNeverShown() {
        runner.withPropertyValues("portal.invite.token-key=not-base64-hunter3-secret")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .hasMessageContaining("portal.invite.token-key=\"****** (hidden")
                        .hasMessageNotContaining("hunter3-secret"));
        runner.withPropertyValues(
                        "portal.invite.email.smtp.host=relay.example.org",
                        "portal.invite.email.smtp.security=none",
                        "portal.invite.email.smtp.username=app",
                        "portal.invite.email.smtp.password=hunter2-secret")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .hasMessageContaining("portal.invite.email.smtp.security=\"NONE\"")
                        .hasMessageNotContaining("hunter2-secret"));
    }

    @Test
    void trustedCertificateFromAPemFileThenTheRelayIsTrustedByItAlone(@TempDir Path dir) throws Exception {
        KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in =
                Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            jdk.load(in, null);
        }
        Certificate ca = jdk.getCertificate(jdk.aliases().nextElement());
        Path pem = dir.resolve("smtp-ca.pem");
        Files.writeString(
                pem,
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(ca.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        runner.withPropertyValues(
                        "portal.invite.email.smtp.host=relay.example.org",
                        "portal.invite.email.smtp.trusted-certificate=" + pem.toUri())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SmtpSettings smtp = DeliverySettings.smtp(
                            context.getBean(PortalInviteProperties.class)
                                    .getEmail()
                                    .getSmtp(),
                            context.getEnvironment(),
                            context);
                    assertThat(smtp).isNotNull();
                    assertThat(smtp.hasCustomTrustStore()).isTrue();
                });
        runner.withPropertyValues(
                        "portal.invite.email.smtp.host=relay.example.org",
                        "portal.invite.email.smtp.trusted-certificate=file:/nowhere/smtp-ca.pem")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .hasMessageContaining(
                                "portal.invite.email.smtp.trusted-certificate=\"file:/nowhere/smtp-ca.pem\""));
    }

    @Test
    void smtpSenderUsesItsOwnHostOrFallsBackToSpringMail() {
        runner.withPropertyValues(
                        "spring.mail.host=mail.example.org",
                        "spring.mail.port=2525",
                        "spring.mail.username=app",
                        "spring.mail.password=pw")
                .run(context -> {
                    assertThat(context.getBean(EmailSender.class)).isInstanceOf(SmtpEmailSender.class);
                    assertThat(smtp(context))
                            .contains("host=mail.example.org", "port=2525", "username=app", "password=****");
                });
        runner.withPropertyValues(
                        "portal.invite.email.smtp.host=relay.example.org",
                        "portal.invite.email.smtp.security=IMPLICIT_TLS",
                        "spring.mail.host=ignored.example.org")
                .run(context -> assertThat(smtp(context))
                        .contains("host=relay.example.org", "security=IMPLICIT_TLS")
                        .doesNotContain("ignored"));
    }

    private static String smtp(org.springframework.context.ApplicationContext context) {
        return String.valueOf(DeliverySettings.smtp(
                context.getBean(PortalInviteProperties.class).getEmail().getSmtp(), context.getEnvironment(), context));
    }

    @Test
    void dispatcherCanBeSwitchedOffAndOtherwiseStopsWithTheContext() {
        runner.withPropertyValues("portal.invite.dispatcher.enabled=false")
                .run(context -> assertThat(context)
                        .hasSingleBean(PortalInvite.class)
                        .doesNotHaveBean(PortalInviteDispatcherLifecycle.class));
        PortalInviteDispatcherLifecycle[] lifecycle = new PortalInviteDispatcherLifecycle[1];
        runner.run(context -> lifecycle[0] = context.getBean(PortalInviteDispatcherLifecycle.class));
        assertThat(lifecycle[0].isRunning()).isFalse();
    }

    @Test
    void theDispatcherLifecycleSendsInvitationsWithoutBeingDrained() {
        runner.withUserConfiguration(CapturingSenders.class)
                .withPropertyValues("portal.invite.dispatcher.poll-interval=50ms")
                .run(context -> {
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    TestPortal.enable(portal);
                    portal.invitations().invite(TestPortal.newPatient("PT-1"));
                    CapturingEmailSender email = context.getBean(CapturingEmailSender.class);
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (email.sent().isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(email.sent()).hasSize(1);
                });
    }

    @Test
    void springSecurityLogsInARegisteredPatientAndGivesOneGenericFailure() {
        runner.withUserConfiguration(CapturingSenders.class)
                .withPropertyValues("portal.invite.dispatcher.enabled=false")
                .run(context -> {
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    TestPortal.enable(portal);
                    portal.invitations().invite(TestPortal.newPatient("PT-2"));
                    portal.dispatcher().drain();
                    String token = context.getBean(CapturingEmailSender.class).lastToken();
                    portal.registration()
                            .complete(new CompleteRegistration(
                                    token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, TestPortal.DOB));
                    PortalInviteAuthenticationProvider provider =
                            new PortalInviteAuthenticationProvider(portal.login());

                    Authentication ok = provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                            "ada.pt-2@example.org", TestPortal.GOOD_PASSWORD));
                    assertThat(ok.isAuthenticated()).isTrue();
                    assertThat(ok.getCredentials()).isNull();
                    PortalUserDetails user = (PortalUserDetails) ok.getPrincipal();
                    assertThat(user.getUsername()).isEqualTo("ada.pt-2@example.org");
                    assertThat(user.patients(AccessKind.SELF))
                            .singleElement()
                            .satisfies(a -> assertThat(a.patientId().value()).isEqualTo("PT-2"));
                    assertThat(ok.getAuthorities())
                            .extracting(Object::toString)
                            .containsExactlyInAnyOrder("ROLE_PORTAL_USER", "ROLE_PORTAL_PATIENT");

                    String wrongPassword =
                            catchMessage(provider, "ada.pt-2@example.org", "wrong " + TestPortal.GOOD_PASSWORD);
                    String unknownUser = catchMessage(provider, "nobody@example.org", TestPortal.GOOD_PASSWORD);
                    assertThat(wrongPassword).isEqualTo(unknownUser);
                    assertThat(provider.supports(UsernamePasswordAuthenticationToken.class))
                            .isTrue();
                });
    }

    @Test
    void eventsAreCountedPerTypeAndChannelWhenMicrometerIsPresent() {
        runner.withUserConfiguration(CapturingSenders.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("portal.invite.dispatcher.enabled=false")
                .run(context -> {
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    TestPortal.enable(portal);
                    portal.invitations().invite(TestPortal.newPatient("PT-3"));
                    portal.dispatcher().drain();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(PortalInviteMetrics.METER)
                                    .tag("type", "InvitationCreated")
                                    .counter()
                                    .count())
                            .isEqualTo(1.0);
                    assertThat(registry.get(PortalInviteMetrics.METER)
                                    .tag("type", "MessageSent")
                                    .tag("channel", "EMAIL")
                                    .counter()
                                    .count())
                            .isEqualTo(1.0);
                    assertThat(registry.get(PortalInviteMetrics.METER)
                                    .tag("type", "MessageSent")
                                    .tag("channel", "SMS")
                                    .counter()
                                    .count())
                            .isEqualTo(1.0);
                });
    }

    @Test
    void loginsAndHashingTimeAreMeasuredWhenMicrometerIsPresent() {
        runner.withUserConfiguration(CapturingSenders.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("portal.invite.dispatcher.enabled=false")
                .run(context -> {
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    portal.login().login("nobody@example.org", "not a real passphrase at all");
                    portal.login().login("nobody@example.org", "not a real passphrase either");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(PortalInviteMetrics.METER)
                                    .tag("type", "LoginFailed")
                                    .counter()
                                    .count())
                            .isEqualTo(2.0);
                    assertThat(registry.get(io.portalinvite.micrometer.TimedPasswordHasher.METER)
                                    .tag("operation", "verify")
                                    .timer()
                                    .count())
                            .isEqualTo(2);
                });
    }

    @Test
    void outboxBacklogGaugesAreRegisteredWhenMicrometerIsPresent() {
        runner.withUserConfiguration(CapturingSenders.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("portal.invite.dispatcher.enabled=false")
                .run(context -> {
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    TestPortal.enable(portal);
                    portal.invitations().invite(TestPortal.newPatient("PT-4"));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(io.portalinvite.micrometer.OutboxBacklogMetrics.MESSAGES)
                                    .tag("state", "pending")
                                    .gauge()
                                    .value())
                            .isEqualTo(2.0);
                });
    }

    private static String catchMessage(PortalInviteAuthenticationProvider provider, String email, String password) {
        try {
            provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, password));
        } catch (BadCredentialsException e) {
            return e.getMessage();
        }
        throw new AssertionError("login should have failed");
    }

    @Configuration(proxyBeanMethods = false)
    static class HostBeans {
        static final PortalStorage STORAGE = new InMemoryPortalStorage();
        static final TokenKey KEY = TokenKey.generate();
        static final EmailSender EMAIL = new CapturingEmailSender();
        static final SmsSender SMS = new CapturingSmsSender();

        @Bean
        PortalStorage hostStorage() {
            return STORAGE;
        }

        @Bean
        TokenKey hostKey() {
            return KEY;
        }

        @Bean
        EmailSender hostEmail() {
            return EMAIL;
        }

        @Bean
        SmsSender hostSms() {
            return SMS;
        }

        @Bean
        PasswordHasher hostHasher() {
            return PortalFixture.fastHasher();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostPortal {
        @Bean
        PortalInvite hostPortal() {
            return PortalInvite.builder()
                    .emailSender(new CapturingEmailSender())
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CapturingSenders {
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
    }
}
