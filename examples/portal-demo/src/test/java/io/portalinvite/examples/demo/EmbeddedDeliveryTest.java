package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.examples.demo.mailbox.DemoMailServer;
import io.portalinvite.examples.demo.mailbox.RecordingSmsSender;
import io.portalinvite.smtp.SmtpEmailSender;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** Without SMTP or Twilio settings the demo delivers to its own in-process servers. */
@SpringBootTest(properties = "portal.invite.dispatcher.enabled=false")
class EmbeddedDeliveryTest {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutSmtpSettingsThenTheInProcessServerReceivesThroughTheLibrarysSmtpSender() {
        assertThat(context.getBeansOfType(DemoMailServer.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(EmailSender.class)).containsExactly("demoEmailSender");
        assertThat(context.getBean(EmailSender.class)).isInstanceOf(SmtpEmailSender.class);
        assertThat(context.getBean(SmsSender.class)).isInstanceOf(RecordingSmsSender.class);
    }
}
