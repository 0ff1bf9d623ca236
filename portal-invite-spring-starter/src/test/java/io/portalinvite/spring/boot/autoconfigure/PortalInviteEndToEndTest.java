package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portalinvite.PortalInvite;
import io.portalinvite.common.AccessKind;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.spring.security.PortalInviteHttpConfigurer;
import io.portalinvite.spring.security.PortalUserDetails;
import io.portalinvite.spring.web.PortalResponseHeadersFilter;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingSmsSender;
import io.portalinvite.testing.PortalFixture;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.WebApplicationContext;

/**
 * The whole journey on H2 with a real SMTP server: a host transaction saves a patient and invites,
 * the dispatcher lifecycle mails the link, the invitee opens it, sets a password, and logs in through
 * the portal's own security chain.
 */
@SpringBootTest(
        classes = PortalInviteEndToEndTest.App.class,
        properties = {
            "portal.invite.token-key=" + TestPortal.TOKEN_KEY_BASE64,
            "portal.invite.default-sender=no-reply@sunrise.example",
            "portal.invite.email.smtp.host=127.0.0.1",
            "portal.invite.email.smtp.security=none",
            "portal.invite.dispatcher.poll-interval=50ms",
            "portal.invite.web.enabled=true",
            "portal.invite.practice-defaults.practice-name=Sunrise Family Clinic",
            "portal.invite.practice-defaults.link-base-url=http://localhost/portal/invitation"
        })
class PortalInviteEndToEndTest {

    private static final Pattern LINK = Pattern.compile("(https?://\\S+?)\\?token=([A-Za-z0-9_-]{43})");

    /** A real SMTP server, started before the application so its port can be configured. */
    private static final GreenMail greenMail = startGreenMail();

    @Autowired
    WebApplicationContext context;

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("portal.invite.email.smtp.port", () -> greenMail.getSmtp().getPort());
    }

    @AfterAll
    static void stopMailServer() {
        greenMail.stop();
    }

    private static GreenMail startGreenMail() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        return mail;
    }

    @Test
    void aPatientInvitedInAHostTransactionReceivesTheEmailSetsAPasswordAndLogsInAsSelf() throws Exception {
        assertThat(context.getBean(PortalStorage.class)).isInstanceOf(JdbcPortalStorage.class);
        PortalInvite portal = context.getBean(PortalInvite.class);
        portal.settings().enable(TestPortal.PRACTICE, TestPortal.STAFF);

        assertThat(context.getBean(PatientService.class).savePatientAndInvite("PT-E2E"))
                .isEqualTo(InviteOutcome.INVITED);

        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada.pt-e2e@example.org");
        Matcher link = LINK.matcher(plainText(mail));
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo("http://localhost/portal/invitation");
        String token = link.group(2);
        CapturingSmsSender sms = context.getBean(CapturingSmsSender.class);
        for (int i = 0; i < 200 && sms.sent().isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertThat(sms.sent()).hasSize(1);

        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(PortalResponseHeadersFilter.class))
                .apply(springSecurity())
                .build();
        URI opened = URI.create(link.group(0));
        MockHttpServletResponse page = mvc.perform(get(opened.getPath()).param("token", token))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("Sunrise Family Clinic", "name=\"_csrf\"");

        MockHttpServletResponse done = mvc.perform(InvitationEndpointsTest.form(
                                token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(done.getStatus()).isEqualTo(303);
        assertThat(done.getHeader("Location")).isEqualTo("/portal/invitation/done");

        MockHttpSession browser = new MockHttpSession();
        MockHttpServletResponse login = mvc.perform(post("/portal/login")
                        .session(browser)
                        .param("email", "ada.pt-e2e@example.org")
                        .param("password", TestPortal.GOOD_PASSWORD)
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(login.getRedirectedUrl()).isEqualTo("/portal/home");
        MockHttpServletResponse home =
                mvc.perform(get("/portal/home").session(browser)).andReturn().getResponse();
        assertThat(home.getStatus()).isEqualTo(200);
        assertThat(home.getContentAsString()).contains("a***@example.org", "You have access to 1 patient");
        SecurityContext portalContext =
                (SecurityContext) browser.getAttribute(PortalInviteHttpConfigurer.SECURITY_CONTEXT_ATTRIBUTE);
        PortalUserDetails user =
                (PortalUserDetails) portalContext.getAuthentication().getPrincipal();
        assertThat(user.patients()).singleElement().satisfies(access -> {
            assertThat(access.kind()).isEqualTo(AccessKind.SELF);
            assertThat(access.patientId().value()).isEqualTo("PT-E2E");
            assertThat(access.practiceId()).isEqualTo(TestPortal.PRACTICE);
        });
        Long patients = new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM patient", Long.class);
        assertThat(patients).isEqualTo(1L);
    }

    /** The host application: the starter's auto-configuration, found through AutoConfiguration.imports. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({InvitationEndpointsTest.Mvc.class, InvitationEndpointsTest.Security.class, Host.class})
    static class App {}

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    /** The host application: its patient table and transactional service, an SMS capture, a fast hasher. */
    @Configuration(proxyBeanMethods = false)
    static class Host {
        @Bean
        CapturingSmsSender capturingSms() {
            return new CapturingSmsSender();
        }

        @Bean
        PasswordHasher fastHasher() {
            return PortalFixture.fastHasher();
        }

        @Bean
        PatientService patientService(DataSource dataSource, PortalInvite portal) {
            new JdbcTemplate(dataSource).execute("CREATE TABLE IF NOT EXISTS patient (id VARCHAR(20) PRIMARY KEY)");
            return new PatientService(new JdbcTemplate(dataSource), portal);
        }
    }

    /** The host's service: saves the patient row and invites in one transaction. */
    static class PatientService {
        private final JdbcTemplate jdbc;
        private final PortalInvite portal;

        PatientService(JdbcTemplate jdbc, PortalInvite portal) {
            this.jdbc = jdbc;
            this.portal = portal;
        }

        @Transactional
        public InviteOutcome savePatientAndInvite(String patientId) {
            jdbc.update("INSERT INTO patient (id) VALUES (?)", patientId);
            return portal.invitations().invite(TestPortal.newPatient(patientId)).outcome();
        }
    }
}
