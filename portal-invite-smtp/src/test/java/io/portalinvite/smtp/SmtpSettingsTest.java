package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpSettingsTest {

    @Test
    void buildWhenOnlyHostGivenThenRequiredStartTlsOnSubmissionPortWithFiniteTimeouts() {
        SmtpSettings settings =
                SmtpSettings.builder().host("smtp.sunrise.example").build();

        assertThat(settings.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(settings.port()).isEqualTo(587);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxMessagesPerConnection()).isEqualTo(100);
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.username()).isNull();
        assertThat(settings.hasPassword()).isFalse();
        assertThat(settings.hasCustomTrustStore()).isFalse();
    }

    @Test
    void buildWhenSecurityChosenWithoutPortThenThatModesRegisteredPort() {
        assertThat(SmtpSettings.builder()
                        .host("relay.example")
                        .security(SmtpSettings.Security.NONE)
                        .build()
                        .port())
                .isEqualTo(25);
        assertThat(SmtpSettings.builder()
                        .host("relay.example")
                        .security(SmtpSettings.Security.IMPLICIT_TLS)
                        .build()
                        .port())
                .isEqualTo(465);
        assertThat(SmtpSettings.builder()
                        .host("relay.example")
                        .security(SmtpSettings.Security.IMPLICIT_TLS)
                        .port(2465)
                        .build()
                        .port())
                .isEqualTo(2465);
    }

    @Test
    void toSessionPropertiesWhenStartTlsThenUpgradeRequiredIdentityCheckedAndTimeoutsInMilliseconds() {
        Properties p =
                SmtpSettings.builder().host("smtp.sunrise.example").build().toSessionProperties();

        assertThat(p.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.starttls.required"))
                .as("no plaintext fallback")
                .isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.socketFactory.fallback")).isEqualTo("false");
        assertThat(p.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(p.getProperty("mail.smtp.timeout")).isEqualTo("30000");
        assertThat(p.getProperty("mail.smtp.writetimeout")).isEqualTo("30000");
        assertThat(p.getProperty("mail.smtp.ssl.enable")).isNull();
    }

    @Test
    void toSessionPropertiesWhenImplicitTlsThenTlsFromTheFirstByteWithIdentityChecked() {
        Properties p = SmtpSettings.builder()
                .host("smtp.sunrise.example")
                .security(SmtpSettings.Security.IMPLICIT_TLS)
                .build()
                .toSessionProperties();

        assertThat(p.getProperty("mail.smtp.ssl.enable")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(p.getProperty("mail.smtp.port")).isEqualTo("465");
    }

    @Test
    void buildWhenHostMissingThenRefusedNamingTheField() {
        assertThatThrownBy(() -> SmtpSettings.builder().build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.hasViolationFor("smtp.host")).isTrue());
    }

    @Test
    void buildWhenManyFieldsAreWrongThenEveryFieldIsNamedAtOnce() {
        SmtpSettings.Builder builder = SmtpSettings.builder()
                .host("smtp.example\r\nRCPT TO:<x@evil.example>")
                .port(70_000)
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ofSeconds(-1))
                .writeTimeout(Duration.ofMinutes(11))
                .idleTimeout(Duration.ZERO)
                .maxMessagesPerConnection(0)
                .heloName("bad name");

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder(
                                        "smtp.host",
                                        "smtp.port",
                                        "smtp.connectTimeout",
                                        "smtp.readTimeout",
                                        "smtp.writeTimeout",
                                        "smtp.idleTimeout",
                                        "smtp.maxMessagesPerConnection",
                                        "smtp.heloName"));
    }

    @Test
    void buildWhenCredentialsWithoutTlsThenRefusedSoTheyAreNeverSentInTheClear() {
        SmtpSettings.Builder builder = SmtpSettings.builder()
                .host("relay.example")
                .security(SmtpSettings.Security.NONE)
                .credentials("portal", "secret");

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.hasViolationFor("smtp.security")).isTrue());
    }

    @Test
    void buildWhenUsernameWithoutPasswordThenRefusedNamingThePassword() {
        assertThatThrownBy(() -> SmtpSettings.builder()
                        .host("relay.example")
                        .credentials("portal", "")
                        .build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolationFor("smtp.password")).isTrue();
                    assertThat(e.hasViolationFor("smtp.username")).isFalse();
                });
    }

    @Test
    void buildWhenTrustStoreGivenWithoutTlsThenRefusedBecauseItWouldSilentlyDoNothing() {
        SmtpSettings.Builder builder = SmtpSettings.builder()
                .host("relay.example")
                .security(SmtpSettings.Security.NONE)
                .trustStore(SmtpTestCertificates.trustingGreenMail());

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.hasViolationFor("smtp.trustStore")).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"portal-invite.example.org", "mail-01.clinic.example", "[192.0.2.1]", "[IPv6:2001:db8::1]"})
    void buildWhenHeloNameIsADomainOrAddressLiteralThenAccepted(String name) {
        assertThat(SmtpSettings.builder()
                        .host("relay.example")
                        .heloName(name)
                        .build()
                        .heloName())
                .isEqualTo(name);
    }

    @Test
    void toStringWhenPasswordSetThenPasswordNeverShown() {
        SmtpSettings settings = SmtpSettings.builder()
                .host("relay.example")
                .credentials("portal", "s3cr3t-Pa55word")
                .build();

        assertThat(settings.toString())
                .contains("portal")
                .contains("relay.example")
                .doesNotContain("s3cr3t-Pa55word");
        assertThat(settings.hasPassword()).isTrue();
    }
}
