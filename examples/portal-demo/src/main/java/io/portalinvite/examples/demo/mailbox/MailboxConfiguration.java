package io.portalinvite.examples.demo.mailbox;

import io.portalinvite.delivery.EmailSender;
import io.portalinvite.examples.demo.DemoProperties;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.smtp.SmtpSettings;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded delivery of the demo. Without {@code spring.mail.host} (or
 * {@code portal.invite.email.smtp.host}) an in-process SMTP server runs and the library's
 * {@link SmtpEmailSender} delivers to it; with one, this backs off and the starter sends through that
 * server. Without Twilio settings, SMS notices are recorded for the mailbox page (a {@code SmsSender}).
 */
@Configuration(proxyBeanMethods = false)
public class MailboxConfiguration {

    /** Creates the configuration; instantiated by Spring. */
    public MailboxConfiguration() {}

    /**
     * The in-process SMTP server, when no real one is configured.
     *
     * @param properties the demo settings
     * @return the started server
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.mail.host:}'.isBlank() and '${portal.invite.email.smtp.host:}'.isBlank()")
    DemoMailServer demoMailServer(DemoProperties properties) {
        return new DemoMailServer(properties.smtpPort());
    }

    /**
     * The library's SMTP sender pointed at the in-process server (plain SMTP on loopback).
     *
     * @param server the in-process server
     * @return the sender
     */
    @Bean
    @ConditionalOnExpression("'${spring.mail.host:}'.isBlank() and '${portal.invite.email.smtp.host:}'.isBlank()")
    EmailSender demoEmailSender(DemoMailServer server) {
        return new SmtpEmailSender(SmtpSettings.builder()
                .host("127.0.0.1")
                .port(server.port())
                .security(SmtpSettings.Security.NONE)
                .build());
    }

    /**
     * Records SMS notices for the mailbox page, unless Twilio is configured.
     *
     * @return the sender
     */
    @Bean
    @ConditionalOnExpression("'${portal.invite.sms.twilio.account-sid:}'.isBlank()")
    RecordingSmsSender demoSmsSender() {
        return new RecordingSmsSender(Clock.systemUTC());
    }
}
