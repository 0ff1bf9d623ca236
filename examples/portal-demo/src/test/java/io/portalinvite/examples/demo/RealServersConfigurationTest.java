package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.examples.demo.mailbox.DemoMailServer;
import io.portalinvite.examples.demo.mailbox.RecordingSmsSender;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.twilio.TwilioSmsSender;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Standard {@code spring.mail.*} (and the starter's Twilio settings) switch the demo to real servers:
 * the in-process SMTP server does not start and the starter's senders are used.
 */
@SpringBootTest(
        properties = {
            "portal.invite.dispatcher.enabled=false",
            "spring.mail.host=smtp.practice.example",
            "spring.mail.port=2525",
            "portal.invite.sms.twilio.account-sid=AC00000000000000000000000000000000",
            "portal.invite.sms.twilio.auth-token=test-token",
            "portal.invite.sms.twilio.from=+61400000000"
        })
class RealServersConfigurationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void withSpringMailHostThenNoInProcessServerRunsAndTheStarterSendsThroughThatHost() {
        assertThat(context.getBeansOfType(DemoMailServer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(EmailSender.class)).containsExactly("portalInviteEmailSender");
        assertThat(context.getBean(EmailSender.class)).isInstanceOf(SmtpEmailSender.class);
        assertThat(context.getBean(SmsSender.class)).isInstanceOf(TwilioSmsSender.class);
        assertThat(context.getBeansOfType(RecordingSmsSender.class)).isEmpty();
    }
}
