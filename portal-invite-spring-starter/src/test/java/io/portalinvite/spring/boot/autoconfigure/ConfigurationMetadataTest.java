package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portalinvite.account.LoginService.LoginPolicy;
import io.portalinvite.delivery.RetryPolicy;
import io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy;
import io.portalinvite.password.Argon2Parameters;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.throttle.SignInThrottleSettings;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The metadata an IDE shows for {@code portal.invite.*}: every property described in plain text,
 * every default present and equal to the library's own, the presets and modes offered as values.
 */
class ConfigurationMetadataTest {

    private static final Map<String, JsonNode> PROPERTIES = properties();

    @Test
    void everyPropertyHasAPlainTextDescription() {
        assertThat(PROPERTIES).hasSizeGreaterThan(60);
        PROPERTIES.forEach((name, p) -> {
            String description = p.path("description").asText("");
            assertThat(description).as(name).isNotBlank().doesNotContain("{@", "<p>", "<code>", "@link");
        });
    }

    @Test
    void defaultsArePresentAndEqualToTheLibrarysOwn() {
        assertThat(duration("portal.invite.email.smtp.connect-timeout"))
                .isEqualTo(SmtpSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(duration("portal.invite.email.smtp.read-timeout")).isEqualTo(SmtpSettings.DEFAULT_READ_TIMEOUT);
        assertThat(duration("portal.invite.email.smtp.write-timeout")).isEqualTo(SmtpSettings.DEFAULT_WRITE_TIMEOUT);
        assertThat(duration("portal.invite.practice-defaults.invitation-lifetime"))
                .isEqualTo(PortalSettings.DEFAULT_LIFETIME);
        assertThat(number("portal.invite.practice-defaults.password-min-length"))
                .isEqualTo(PasswordPolicy.DEFAULT.minLength());
        assertThat(duration("portal.invite.maintenance.closed-token-retention"))
                .isEqualTo(MaintenancePolicy.DEFAULT.closedTokenRetention());
        assertThat(number("portal.invite.hashing.memory-kib")).isEqualTo(Argon2Parameters.OWASP_MINIMUM.memoryKiB());
        assertThat(number("portal.invite.hashing.iterations")).isEqualTo(Argon2Parameters.OWASP_MINIMUM.iterations());
        assertThat(number("portal.invite.hashing.parallelism")).isEqualTo(Argon2Parameters.OWASP_MINIMUM.parallelism());
        assertThat(duration("portal.invite.hashing.acquire-timeout")).isEqualTo(Duration.ofSeconds(5));
        assertThat(duration("portal.invite.retry.initial-delay")).isEqualTo(RetryPolicy.DEFAULT.initialDelay());
        assertThat(duration("portal.invite.retry.max-delay")).isEqualTo(RetryPolicy.DEFAULT.maxDelay());
        assertThat(number("portal.invite.retry.max-attempts")).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(number("portal.invite.login.throttle-from")).isEqualTo(LoginPolicy.DEFAULT.throttleFrom());
        assertThat(number("portal.invite.login.lock-at")).isEqualTo(LoginPolicy.DEFAULT.lockAt());
        assertThat(duration("portal.invite.login.throttle-initial-delay"))
                .isEqualTo(LoginPolicy.DEFAULT.initialDelay());
        assertThat(duration("portal.invite.login.throttle-max-delay")).isEqualTo(LoginPolicy.DEFAULT.maxDelay());
        assertThat(number("portal.invite.login.per-address-attempts"))
                .isEqualTo(SignInThrottleSettings.DEFAULT.perAddress().capacity());
        assertThat(duration("portal.invite.login.per-address-period"))
                .isEqualTo(SignInThrottleSettings.DEFAULT.perAddress().period());
        assertThat(number("portal.invite.login.per-device-attempts"))
                .isEqualTo(SignInThrottleSettings.DEFAULT.perDevice().capacity());
        assertThat(duration("portal.invite.login.per-device-period"))
                .isEqualTo(SignInThrottleSettings.DEFAULT.perDevice().period());
        assertThat(duration("portal.invite.login.device-cookie-lifetime"))
                .isEqualTo(SignInThrottleSettings.DEFAULT.deviceCookieLifetime());
        assertThat(duration("portal.invite.security.idle-timeout")).isEqualTo(Duration.ofMinutes(15));
        assertThat(duration("portal.invite.security.absolute-timeout")).isEqualTo(Duration.ofHours(12));
        for (String name : new String[] {
            "portal.invite.enabled",
            "portal.invite.dev-mode",
            "portal.invite.web.enabled",
            "portal.invite.web.base-path",
            "portal.invite.web.login-url",
            "portal.invite.security.enabled",
            "portal.invite.jdbc.initialize-schema",
            "portal.invite.practice-defaults.age-policy",
            "portal.invite.email.smtp.security",
            "portal.invite.dispatcher.poll-interval"
        }) {
            assertThat(PROPERTIES.get(name).has("defaultValue")).as(name).isTrue();
        }
    }

    @Test
    void presetsAndModesAreEnumsSoEditorsOfferTheirValues() {
        assertThat(PROPERTIES
                        .get("portal.invite.practice-defaults.age-policy")
                        .path("type")
                        .asText())
                .isEqualTo(AgePolicyPreset.class.getName());
        assertThat(PROPERTIES
                        .get("portal.invite.jdbc.initialize-schema")
                        .path("type")
                        .asText())
                .isEqualTo(PortalInviteProperties.SchemaInitialization.class.getName());
        assertThat(PROPERTIES
                        .get("portal.invite.email.smtp.security")
                        .path("type")
                        .asText())
                .isEqualTo(SmtpSettings.Security.class.getName().replace(".Security", "$Security"));
    }

    private static Duration duration(String name) {
        JsonNode value = PROPERTIES.get(name).get("defaultValue");
        assertThat(value).as(name + " default").isNotNull();
        return DurationStyle.detectAndParse(value.asText());
    }

    private static int number(String name) {
        JsonNode value = PROPERTIES.get(name).get("defaultValue");
        assertThat(value).as(name + " default").isNotNull();
        return value.asInt();
    }

    private static Map<String, JsonNode> properties() {
        try (InputStream in =
                ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in)
                    .as("metadata generated by the configuration processor")
                    .isNotNull();
            Map<String, JsonNode> map = new LinkedHashMap<>();
            for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
                map.put(p.path("name").asText(), p);
            }
            return map;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
