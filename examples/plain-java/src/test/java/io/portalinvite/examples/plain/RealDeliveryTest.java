package io.portalinvite.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Runs the README's SMTP and SMS configuration against GreenMail and a local stand-in for Twilio. */
class RealDeliveryTest {

    @Test
    void realDeliveryWhenConfiguredFromEnvironmentThenEmailReachesSmtpAndNoticeReachesProvider() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        List<String> smsRequests = new CopyOnWriteArrayList<>();
        HttpServer twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/", exchange -> {
            smsRequests.add(exchange.getRequestURI().getPath() + " "
                    + URLDecoder.decode(
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                            StandardCharsets.UTF_8));
            byte[] body = "{\"sid\":\"SM123\",\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        twilio.start();
        Map<String, String> env = Map.of(
                "SMTP_HOST",
                "127.0.0.1",
                "SMTP_PORT",
                String.valueOf(smtp.getSmtp().getPort()),
                "SMTP_SECURITY",
                "NONE",
                "TWILIO_ACCOUNT_SID",
                "AC" + "0123456789abcdef".repeat(2),
                "TWILIO_AUTH_TOKEN",
                "test-auth-token",
                "TWILIO_FROM",
                "+61400000000",
                "TWILIO_BASE_URL",
                "http://127.0.0.1:" + twilio.getAddress().getPort(),
                "PORTAL_FROM",
                "no-reply@sunrise.example");
        try (PortalInvite portal = RealDelivery.withRealDelivery(PortalInvite.builder(), env)
                .tokenKey(TokenKey.generate())
                .build()) {
            portal.settings()
                    .save(
                            PortalSettings.builder(PracticeId.of("sunrise"))
                                    .enabled(true)
                                    .practiceName("Sunrise Family Clinic")
                                    .invitationLinkBase("https://portal.sunrise.example/invitation")
                                    .build(),
                            StaffId.of("admin"));
            portal.invitations()
                    .invite(InviteRequest.newPatient("sunrise", "reception")
                            .patientId("PT-1")
                            .name("Ada", "Lovelace")
                            .dateOfBirth(LocalDate.of(1990, 5, 17))
                            .email("ada.lovelace@example.org")
                            .mobile("0412 345 678")
                            .build());

            portal.dispatcher().drain();
            portal.dispatcher().drain();

            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada.lovelace@example.org");
            assertThat(GreenMailUtil.getBody(received[0])).contains("https://portal.sunrise.example/invitation?token=");
            assertThat(smsRequests)
                    .singleElement()
                    .asString()
                    .contains("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json")
                    .contains("To=+61412345678")
                    .contains("Sunrise Family Clinic: we have emailed you");
        } finally {
            twilio.stop(0);
            smtp.stop();
        }
    }

    @Test
    void readmeWhenShowingDeliveryConfigurationThenShowsExactlyTheCompiledCode() {
        ReadmeSnippets.assertReadmeShows("RealDelivery.java", "real-delivery");
    }
}
