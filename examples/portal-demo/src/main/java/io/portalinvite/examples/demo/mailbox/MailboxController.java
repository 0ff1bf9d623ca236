package io.portalinvite.examples.demo.mailbox;

import io.portalinvite.examples.demo.Practice;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /dev/mailbox}: every email the in-process SMTP server received and every SMS notice recorded. */
@Controller
public class MailboxController {

    private final ObjectProvider<DemoMailServer> mailServer;
    private final ObjectProvider<RecordingSmsSender> sms;
    private final Environment environment;
    private final Practice practice;

    /**
     * Creates the controller.
     *
     * @param mailServer the in-process SMTP server, when it runs
     * @param sms the recording SMS sender, when it is used
     * @param environment to name a real SMTP server
     * @param practice for the practice's time zone
     */
    public MailboxController(
            ObjectProvider<DemoMailServer> mailServer,
            ObjectProvider<RecordingSmsSender> sms,
            Environment environment,
            Practice practice) {
        this.mailServer = mailServer;
        this.sms = sms;
        this.environment = environment;
        this.practice = practice;
    }

    /**
     * Shows the mailbox.
     *
     * @param model the view model
     * @return the view
     */
    @GetMapping("/dev/mailbox")
    public String mailbox(Model model) {
        DemoMailServer server = mailServer.getIfAvailable();
        RecordingSmsSender recorder = sms.getIfAvailable();
        model.addAttribute("area", "dev");
        model.addAttribute("zone", practice.zone());
        model.addAttribute("mailServerRunning", server != null);
        model.addAttribute("smtpPort", server == null ? 0 : server.port());
        model.addAttribute(
                "smtpHost",
                environment.getProperty(
                        "portal.invite.email.smtp.host", environment.getProperty("spring.mail.host", "")));
        model.addAttribute("emails", server == null ? List.of() : server.received());
        model.addAttribute("smsRecorded", recorder != null);
        model.addAttribute("smsMessages", recorder == null ? List.of() : recorder.sent());
        return "dev/mailbox";
    }
}
