package io.portalinvite.examples.demo;

import io.portalinvite.examples.demo.mailbox.DemoMailServer;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.spring.boot.autoconfigure.PortalInviteBuilderCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Practice defaults that follow the demo's address, and the start-up message. */
@Configuration(proxyBeanMethods = false)
public class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

    /**
     * The practice's settings until staff save their own: the demo's practice name, and links to this
     * server's invitation page (its port is known only once it has started, hence a function).
     *
     * @param properties the demo settings
     * @param urls the demo's address
     * @return the customizer
     */
    @Bean
    PortalInviteBuilderCustomizer demoPracticeDefaults(DemoProperties properties, DemoUrls urls) {
        return builder -> builder.settingsDefaults(practiceId -> PortalSettings.builder(practiceId)
                .practiceName(properties.practiceName())
                .invitationLinkBase(urls.invitationPage())
                .build());
    }

    /**
     * Prints where the demo and its mailbox are once it is ready.
     *
     * @param urls the demo's address
     * @param mailServer the in-process SMTP server, when it runs
     * @param environment to name a real SMTP server
     * @return the listener
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> demoReadyMessage(
            DemoUrls urls, ObjectProvider<DemoMailServer> mailServer, Environment environment) {
        return event -> {
            DemoMailServer server = mailServer.getIfAvailable();
            String mail = server != null
                    ? "emails go to the in-process SMTP server on 127.0.0.1:" + server.port()
                            + " and are shown in the mailbox"
                    : "emails go to the SMTP server "
                            + environment.getProperty(
                                    "spring.mail.host", environment.getProperty("portal.invite.email.smtp.host", "?"));
            String message = String.join(
                    System.lineSeparator(),
                    "",
                    "==================================================================",
                    "  Portal demo is running:  " + urls.base() + "/",
                    "  Staff screens:           " + urls.base() + "/staff/appointments",
                    "  Patient Portal login:    " + urls.base() + "/portal/login",
                    "  Mailbox (email and SMS): " + urls.base() + "/dev/mailbox",
                    "  (" + mail + ")",
                    "==================================================================",
                    "");
            log.info(message);
        };
    }
}
