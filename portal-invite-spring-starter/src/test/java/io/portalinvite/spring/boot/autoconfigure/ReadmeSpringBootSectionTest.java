package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.twilio.TwilioSmsSender;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The README's Spring Boot section is pasteable: its {@code application.properties} block and its
 * YAML block, read from README.md itself, start the starter as written, SMS off while the Twilio
 * variable is unset and on once it is set.
 */
class ReadmeSpringBootSectionTest {

    private static final String README = readme();

    private static final Map<String, Object> ENVIRONMENT =
            Map.of("PORTAL_INVITE_TOKEN_KEY", TestPortal.TOKEN_KEY_BASE64, "SMTP_PASSWORD", "relay secret");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    PortalInviteJdbcAutoConfiguration.class,
                    PortalInviteAutoConfiguration.class))
            .withPropertyValues("portal.invite.dispatcher.enabled=false", "portal.invite.maintenance.enabled=false");

    @Test
    void propertiesBlockWhenPastedThenTheStarterStartsAsItSays() {
        startsAsWritten(block("properties"), new PropertiesPropertySourceLoader());
    }

    @Test
    void yamlBlockWhenPastedThenTheStarterStartsAsItSays() {
        startsAsWritten(block("yaml"), new YamlPropertySourceLoader());
    }

    @Test
    void propertiesBlockWithTwilioVariablesSetThenSmsNoticesAreOn() {
        PropertySource<?> readme = load(block("properties"), new PropertiesPropertySourceLoader());
        runner.withInitializer(context -> {
                    context.getEnvironment().getPropertySources().addFirst(readme);
                    context.getEnvironment()
                            .getPropertySources()
                            .addLast(new MapPropertySource(
                                    "env",
                                    Map.of(
                                            "PORTAL_INVITE_TOKEN_KEY", TestPortal.TOKEN_KEY_BASE64,
                                            "SMTP_PASSWORD", "relay secret",
                                            "TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32),
                                            "TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef",
                                            "TWILIO_FROM", "+61400000000")));
                })
                .run(context -> assertThat(context.getBean(SmsSender.class)).isInstanceOf(TwilioSmsSender.class));
    }

    @Test
    void valueWithATrailingCommentThenStartupNamesThePropertyTheValueAndWhy() {
        runner.withPropertyValues(TestPortal.REQUIRED)
                .withPropertyValues("portal.invite.email.smtp.host=smtp.practice.example        # or reuse spring.mail")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .isInstanceOf(PortalInviteConfigurationException.class)
                        .hasMessageContaining(
                                "portal.invite.email.smtp.host=\"smtp.practice.example        # or reuse spring.mail\"")
                        .hasMessageContaining("put comments on a line of their own"));
    }

    private void startsAsWritten(String block, PropertySourceLoader loader) {
        PropertySource<?> readme = load(block, loader);
        runner.withInitializer(context -> {
                    context.getEnvironment().getPropertySources().addFirst(readme);
                    context.getEnvironment().getPropertySources().addLast(new MapPropertySource("env", ENVIRONMENT));
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EmailSender email = context.getBean(EmailSender.class);
                    assertThat(email).isInstanceOf(SmtpEmailSender.class);
                    assertThat(String.valueOf(DeliverySettings.smtp(
                                    context.getBean(PortalInviteProperties.class)
                                            .getEmail()
                                            .getSmtp(),
                                    context.getEnvironment(),
                                    context)))
                            .contains("host=smtp.sunrise.example", "port=587", "username=portal", "password=****");
                    assertThat(context).doesNotHaveBean(SmsSender.class);
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    var settings = portal.settings().get(PracticeId.of("any-practice"));
                    assertThat(settings.links().invitationLinkBase())
                            .isEqualTo(URI.create("https://portal.sunrise.example/portal/invitation"));
                    assertThat(settings.practice().name()).isEqualTo("Sunrise Family Clinic");
                    assertThat(context.getBean(PortalSchemaInitializer.class).applied())
                            .isTrue();
                });
    }

    private static PropertySource<?> load(String block, PropertySourceLoader loader) {
        try {
            List<PropertySource<?>> sources =
                    loader.load("README.md", new ByteArrayResource(block.getBytes(StandardCharsets.UTF_8)));
            assertThat(sources).hasSize(1);
            return sources.get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first fenced block of a language in the README's Spring Boot section. */
    private static String block(String language) {
        int section = README.indexOf("\n## Spring Boot\n");
        assertThat(section).as("the README's Spring Boot section").isPositive();
        int next = README.indexOf("\n## ", section + 5);
        String text = README.substring(section, next < 0 ? README.length() : next);
        String fence = "```" + language + "\n";
        int start = text.indexOf(fence);
        assertThat(start)
                .as("a " + language + " block in the Spring Boot section")
                .isPositive();
        int end = text.indexOf("\n```", start + fence.length());
        return text.substring(start + fence.length(), end + 1);
    }

    private static String readme() {
        try {
            return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("README.md is read from the starter module's parent folder", e);
        }
    }
}
