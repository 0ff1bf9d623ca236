package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.portalinvite.PortalInvite;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.spring.security.PortalSignInDetails;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingEmailSender;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The starter's sign-in under attack, through its own security chain on H2 (budgets in the
 * database): one address past its budget gets HTTP 429 with {@code Retry-After} (JSON when asked,
 * a page otherwise) whatever the email; an email tried past its own budget is paused alike whether
 * or not an account has it; a successful sign-in sets the device cookie
 * (HttpOnly, SameSite=Strict, the portal's path), and that browser signs in while the account is
 * locked out for everyone else.
 */
@SpringBootTest(
        classes = SignInThrottleWebTest.App.class,
        properties = {
            "portal.invite.token-key=" + TestPortal.TOKEN_KEY_BASE64,
            "portal.invite.practice-defaults.link-base-url=" + TestPortal.LINK_BASE,
            "portal.invite.web.enabled=true",
            "portal.invite.dispatcher.enabled=false"
        })
class SignInThrottleWebTest {

    private static final String LOGIN = "/portal/login";
    private static final String WRONG = "not the passphrase that was set";

    @Autowired
    WebApplicationContext context;

    @Test
    void signInWhenThreeHundredAttemptsFromOneAddressThenHttp429WithRetryAfterForKnownAndUnknownEmails()
            throws Exception {
        String email = register("PT-W1");
        MockMvc mvc = mvc();
        List<Integer> statuses = new ArrayList<>();
        MockHttpServletResponse last = null;
        for (int i = 0; i < 300; i++) {
            // the known email now and then only, so that its own budget of five attempts plays no part
            String target = i % 50 == 0 ? email : "nobody-" + i + "@example.org";
            last = send(mvc, signIn(target, WRONG, "198.51.100.9", null));
            statuses.add(last.getStatus());
        }

        assertThat(statuses.subList(0, 100))
                .as("within the default budget of 100")
                .containsOnly(302);
        assertThat(statuses.subList(100, 300))
                .as("past it, for any email: back to the sign-in page, which says sign-in is paused")
                .containsOnly(303);
        assertThat(last.getHeader("Retry-After")).isNotNull();
        long seconds = Long.parseLong(last.getHeader("Retry-After"));
        assertThat(seconds).isBetween(1L, 900L);
        assertThat(last.getHeader("Location")).isEqualTo("/portal/login?paused=" + Math.max(1, (seconds + 59) / 60));
        MockHttpServletResponse paused = send(mvc, get(last.getHeader("Location")));
        assertThat(paused.getContentAsString())
                .contains("Sign-in is paused for", "minute", "Forgot your password?", "/portal/forgot-password");
        assertThat(last.getCookie(PortalSignInDetails.DEVICE_COOKIE)).isNull();

        MockHttpServletResponse json = send(
                mvc,
                signIn(email, TestPortal.GOOD_PASSWORD, "198.51.100.9", null).accept(MediaType.APPLICATION_JSON));
        assertThat(json.getStatus())
                .as("the right password too: the budget is the address's")
                .isEqualTo(429);
        assertThat(json.getContentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
        assertThat(json.getContentAsString()).contains("\"error\":\"too_many_attempts\"", "\"retryAfterSeconds\":");
        assertThat(json.getHeader("Retry-After")).isNotNull();

        // another patient, so that the attacked account's own failure delay plays no part here
        String other = register("PT-W1B");
        assertThat(send(mvc, signIn(other, TestPortal.GOOD_PASSWORD, "192.0.2.10", null))
                        .getRedirectedUrl())
                .as("another address signs in")
                .isEqualTo("/portal/home");
    }

    @Test
    void signInWhenSuccessfulThenDeviceCookieSetAndThatBrowserSignsInWhileTheAccountIsLockedOut() throws Exception {
        String email = register("PT-W2");
        MockMvc mvc = mvc();
        MockHttpServletResponse first = send(mvc, signIn(email, TestPortal.GOOD_PASSWORD, "203.0.113.7", null));
        assertThat(first.getRedirectedUrl()).isEqualTo("/portal/home");
        String setCookie = first.getHeaders("Set-Cookie").stream()
                .filter(h -> h.startsWith(PortalSignInDetails.DEVICE_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/portal", "Max-Age=");
        assertThat(setCookie).as("plain HTTP in this test").doesNotContain("Secure");
        String device = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));

        for (int i = 0; i < 12; i++) {
            MockHttpServletResponse wrong = send(mvc, signIn(email, WRONG + i, "198.51.100.77", null));
            // the owner's first sign-in was the first of the email's five attempts
            assertThat(wrong.getRedirectedUrl())
                    .as("attempt %d", i + 2)
                    .startsWith(i < 4 ? "/portal/login?error" : "/portal/login?paused=");
        }
        assertThat(send(mvc, signIn(email, TestPortal.GOOD_PASSWORD, "192.0.2.20", null))
                        .getRedirectedUrl())
                .as("an unknown browser with the right password is held back")
                .startsWith("/portal/login?paused=");

        MockHttpServletResponse owner = send(mvc, signIn(email, TestPortal.GOOD_PASSWORD, "203.0.113.7", device));

        assertThat(owner.getRedirectedUrl()).as("the owner's browser, at once").isEqualTo("/portal/home");
        assertThat(owner.getHeaders("Set-Cookie"))
                .anySatisfy(h -> assertThat(h).startsWith(PortalSignInDetails.DEVICE_COOKIE + "="));
    }

    @Test
    void signInWhenAnEmailIsTriedPastItsBudgetThenPausedWithForgotPasswordAlikeForKnownAndUnknownEmails()
            throws Exception {
        String email = register("PT-W3");
        String unknown = "nobody.pt-w3@example.org";
        MockMvc mvc = mvc();
        for (int attempt = 1; attempt <= 7; attempt++) {
            MockHttpServletResponse known = send(mvc, signIn(email, WRONG, "192.0.2." + attempt, null));
            MockHttpServletResponse none = send(mvc, signIn(unknown, WRONG, "192.0.2." + (100 + attempt), null));

            assertThat(none.getStatus()).as("attempt %d", attempt).isEqualTo(known.getStatus());
            assertThat(none.getHeader("Location")).as("attempt %d", attempt).isEqualTo(known.getHeader("Location"));
            assertThat(known.getHeader("Location"))
                    .as("attempt %d", attempt)
                    .isEqualTo(attempt <= 5 ? "/portal/login?error" : "/portal/login?paused=3");
        }
        MockHttpServletResponse page = send(mvc, get("/portal/login?paused=3"));
        assertThat(page.getContentAsString())
                .contains("Sign-in is paused for 3 minutes", "Forgot your password?", "/portal/forgot-password");

        MockHttpServletResponse json = send(
                mvc, signIn(email, TestPortal.GOOD_PASSWORD, "192.0.2.50", null).accept(MediaType.APPLICATION_JSON));
        MockHttpServletResponse jsonUnknown =
                send(mvc, signIn(unknown, WRONG, "192.0.2.51", null).accept(MediaType.APPLICATION_JSON));
        assertThat(json.getStatus()).as("the right password too, while paused").isEqualTo(429);
        assertThat(json.getContentAsString()).contains("\"error\":\"sign_in_paused\"", "\"retryAfterSeconds\":");
        assertThat(jsonUnknown.getStatus()).isEqualTo(429);
        assertThat(jsonUnknown.getContentAsString().replaceAll("\"retryAfterSeconds\":\\d+", ""))
                .isEqualTo(json.getContentAsString().replaceAll("\"retryAfterSeconds\":\\d+", ""));
        assertThat(Math.abs(Long.parseLong(json.getHeader("Retry-After"))
                        - Long.parseLong(jsonUnknown.getHeader("Retry-After"))))
                .isLessThanOrEqualTo(1L);
    }

    private MockMvc mvc() {
        return MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    private static MockHttpServletResponse send(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static MockHttpServletRequestBuilder signIn(
            String email, String password, String address, @org.jspecify.annotations.Nullable String device) {
        MockHttpServletRequestBuilder request = post(LOGIN)
                .param("email", email)
                .param("password", password)
                .with(csrf())
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                });
        return device == null ? request : request.cookie(new Cookie(PortalSignInDetails.DEVICE_COOKIE, device));
    }

    private String register(String patientId) {
        assertThat(context.getBean(PortalStorage.class)).isInstanceOf(JdbcPortalStorage.class);
        PortalInvite portal = context.getBean(PortalInvite.class);
        if (!portal.settings().get(TestPortal.PRACTICE).enabled()) {
            TestPortal.enable(portal);
        }
        portal.invitations().invite(TestPortal.newPatient(patientId));
        portal.dispatcher().drain();
        String token = context.getBean(CapturingEmailSender.class).lastToken();
        portal.registration()
                .complete(new CompleteRegistration(
                        token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, TestPortal.DOB));
        return "ada." + patientId.toLowerCase(java.util.Locale.ROOT) + "@example.org";
    }

    /** The host application: the starter's auto-configuration and capturing senders. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({
        InvitationEndpointsTest.Mvc.class,
        InvitationEndpointsTest.Security.class,
        PortalInviteAutoConfigurationTest.CapturingSenders.class
    })
    static class App {}
}
