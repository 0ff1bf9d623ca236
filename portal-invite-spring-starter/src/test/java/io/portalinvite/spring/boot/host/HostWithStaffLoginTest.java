package io.portalinvite.spring.boot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.reset.PasswordResetService.CompletePasswordReset;
import io.portalinvite.spring.security.PortalInviteHttpConfigurer;
import io.portalinvite.spring.security.PortalUserDetails;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A host with its own staff form login, {@code UserDetailsService} and an {@code authenticated()}
 * rule, with the starter added: staff sign in as before, patients' passwords open nothing of the
 * host, and staff and patient signed in in the same browser keep both sign-ins.
 */
@SpringBootTest(classes = StaffHost.class)
class HostWithStaffLoginTest {

    private static final String PATIENT_PASSWORD = "copper lantern harbour seven";

    @Autowired
    WebApplicationContext context;

    @Autowired
    PortalInvite portal;

    @Autowired
    CapturingEmailSender email;

    @Autowired
    MutableClock clock;

    MockMvc mvc;

    @org.springframework.test.context.DynamicPropertySource
    static void properties(org.springframework.test.context.DynamicPropertyRegistry registry) {
        StaffHost.register(registry);
    }

    @BeforeEach
    void browser() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    @Test
    void starterRegistersNoAuthenticationBeanThatCouldReplaceTheHostsUsers() {
        assertThat(context.getBeansOfType(AuthenticationProvider.class)).isEmpty();
        assertThat(context.getBeansOfType(UserDetailsService.class)).containsOnlyKeys("staffUsers");
    }

    @Test
    void staffSignInWhenTheStarterIsAddedThenWorksAsBefore() throws Exception {
        MockHttpSession session = new MockHttpSession();
        assertThat(staffLogin(session, StaffHost.STAFF_USER, StaffHost.STAFF_PASSWORD)
                        .getRedirectedUrl())
                .isEqualTo("/");
        assertThat(send(get("/staff/patients").session(session)).getStatus()).isEqualTo(200);
        assertThat(send(get("/staff/patients")).getRedirectedUrl()).isEqualTo("/login");
    }

    @Test
    void patientCredentialsAtTheHostsLoginThenRefused() throws Exception {
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-1", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        assertThat(staffLogin(session, patient, PATIENT_PASSWORD).getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(send(get("/staff/patients").session(session)).getRedirectedUrl())
                .isEqualTo("/login");
    }

    @Test
    void patientSignedInAtThePortalThenIsAnonymousToTheHostsPagesAndNeverStaff() throws Exception {
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-2", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        assertThat(portalLogin(session, patient, PATIENT_PASSWORD).getRedirectedUrl())
                .isEqualTo("/portal/home");
        assertThat(send(get("/portal/home").session(session)).getStatus()).isEqualTo(200);

        for (String hostPage : new String[] {"/staff/patients", "/", "/actuator/metrics"}) {
            MockHttpServletResponse response = send(get(hostPage).session(session));
            assertThat(response.getStatus()).as(hostPage).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).as(hostPage).isEqualTo("/login");
        }
        assertThat(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                .as("the host's own security context")
                .isNull();
    }

    @Test
    void staffThenPatientSignInInOneBrowserThenBothStaySignedIn() throws Exception {
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-3", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        staffLogin(session, StaffHost.STAFF_USER, StaffHost.STAFF_PASSWORD);
        send(get("/staff/patients").session(session));

        assertThat(portalLogin(session, patient, PATIENT_PASSWORD).getRedirectedUrl())
                .isEqualTo("/portal/home");

        assertThat(send(get("/staff/patients").session(session)).getStatus()).isEqualTo(200);
        assertThat(send(get("/portal/home").session(session)).getStatus()).isEqualTo(200);
        assertThat(hostContext(session).getAuthentication().getName()).isEqualTo(StaffHost.STAFF_USER);
        assertThat(portalContext(session).getAuthentication().getPrincipal()).isInstanceOf(PortalUserDetails.class);
    }

    @Test
    void patientThenStaffSignInInOneBrowserThenBothStaySignedIn() throws Exception {
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-4", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        portalLogin(session, patient, PATIENT_PASSWORD);

        assertThat(staffLogin(session, StaffHost.STAFF_USER, StaffHost.STAFF_PASSWORD)
                        .getRedirectedUrl())
                .isEqualTo("/");

        assertThat(send(get("/portal/home").session(session)).getStatus()).isEqualTo(200);
        assertThat(send(get("/staff/patients").session(session)).getStatus()).isEqualTo(200);
    }

    @Test
    void patientLogoutThenOnlyThePortalSignInEnds() throws Exception {
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-5", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        staffLogin(session, StaffHost.STAFF_USER, StaffHost.STAFF_PASSWORD);
        portalLogin(session, patient, PATIENT_PASSWORD);

        MockHttpServletResponse logout =
                send(post("/portal/logout").session(session).with(csrf()));

        assertThat(logout.getRedirectedUrl()).isEqualTo("/portal/login?logout");
        assertThat(send(get("/portal/home").session(session)).getRedirectedUrl())
                .isEqualTo("/portal/login");
        assertThat(send(get("/staff/patients").session(session)).getStatus()).isEqualTo(200);
    }

    @Test
    void portalLoginPageWhenOpenedThenItIsThePortalsOwnNotTheStaffForm() throws Exception {
        MockHttpServletResponse page = send(get("/portal/login"));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString())
                .contains("Sign in to the Patient Portal", "action=\"/portal/login\"", "name=\"email\"", "_csrf");
        assertThat(send(get("/portal/home")).getRedirectedUrl()).isEqualTo("/portal/login");
    }

    @Test
    void wrongPasswordAndUnknownEmailAtThePortalLoginThenTheSameAnswer() throws Exception {
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-6", PATIENT_PASSWORD);
        MockHttpServletResponse wrong = portalLogin(new MockHttpSession(), patient, "not the password at all");
        MockHttpServletResponse unknown = portalLogin(new MockHttpSession(), "nobody@example.org", PATIENT_PASSWORD);
        MockHttpServletResponse staff =
                portalLogin(new MockHttpSession(), StaffHost.STAFF_USER, StaffHost.STAFF_PASSWORD);
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/portal/login?error");
        assertThat(unknown.getRedirectedUrl()).isEqualTo("/portal/login?error");
        assertThat(staff.getRedirectedUrl()).as("staff cannot use the portal").isEqualTo("/portal/login?error");
    }

    @Test
    void loginWithARedirectParameterThenItIsIgnoredAndThePatientLandsHome() throws Exception {
        // checklist F6: no open redirect after login
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-7", PATIENT_PASSWORD);
        MockHttpServletResponse login = send(post("/portal/login")
                .param("email", patient)
                .param("password", PATIENT_PASSWORD)
                .param("continue", "https://evil.example/")
                .param("redirect", "https://evil.example/")
                .param("next", "https://evil.example/")
                .with(csrf()));
        assertThat(login.getRedirectedUrl()).isEqualTo("/portal/home");
    }

    @Test
    void portalPageOpenedBeforeLoginThenTheLoginReturnsToItWithinThePortal() throws Exception {
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-8", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        send(get("/portal/home").session(session));
        MockHttpServletResponse login = portalLogin(session, patient, PATIENT_PASSWORD);
        // a path on this site: the saved request's host (taken from the Host header) is dropped
        assertThat(login.getRedirectedUrl()).isEqualTo("/portal/home?continue");
    }

    @Test
    void portalSignInIdleLongerThanTheTimeoutThenEndedWhileStaffStays() throws Exception {
        // checklist F4: 15 minutes idle
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-9", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        staffLogin(session, StaffHost.STAFF_USER, StaffHost.STAFF_PASSWORD);
        portalLogin(session, patient, PATIENT_PASSWORD);
        clock.advance(Duration.ofMinutes(14));
        assertThat(send(get("/portal/home").session(session)).getStatus()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(send(get("/portal/home").session(session)).getRedirectedUrl())
                .isEqualTo("/portal/login");
        assertThat(portalContext(session).getAuthentication()).isNull();
        assertThat(send(get("/staff/patients").session(session)).getStatus()).isEqualTo(200);
    }

    @Test
    void portalSignInOlderThanTheAbsoluteTimeoutThenEndedEvenWhenActive() throws Exception {
        // checklist F4: 12 hours at most
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-10", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        portalLogin(session, patient, PATIENT_PASSWORD);
        for (int i = 0; i < 72; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(send(get("/portal/home").session(session)).getStatus()).isEqualTo(200);
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(send(get("/portal/home").session(session)).getRedirectedUrl())
                .isEqualTo("/portal/login");
    }

    @Test
    void passwordResetElsewhereThenEverySignInFromBeforeItEnds() throws Exception {
        // checklist F3: a credential change ends the other sessions
        String patient = StaffHost.registeredPatient(portal, email, "PT-HOST-11", PATIENT_PASSWORD);
        MockHttpSession session = new MockHttpSession();
        portalLogin(session, patient, PATIENT_PASSWORD);
        assertThat(send(get("/portal/home").session(session)).getStatus()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));

        portal.passwordReset().request(PracticeId.of("sunrise"), patient);
        portal.dispatcher().drain();
        String fresh = "amber meadow violin thirty";
        portal.passwordReset().complete(new CompletePasswordReset(email.lastToken(), fresh, fresh));

        assertThat(send(get("/portal/home").session(session)).getRedirectedUrl())
                .isEqualTo("/portal/login");
        MockHttpSession again = new MockHttpSession();
        portalLogin(again, patient, fresh);
        assertThat(send(get("/portal/home").session(again)).getStatus()).isEqualTo(200);
    }

    @Test
    void portalResponsesCarryNoReferrerAndTheDefaultSecurityHeaders() throws Exception {
        MockHttpServletResponse page = send(get("/portal/login"));
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
    }

    private MockHttpServletResponse staffLogin(MockHttpSession session, String user, String password) throws Exception {
        return send(post("/login")
                .session(session)
                .param("username", user)
                .param("password", password)
                .with(csrf()));
    }

    private MockHttpServletResponse portalLogin(MockHttpSession session, String user, String password)
            throws Exception {
        return send(post("/portal/login")
                .session(session)
                .param("email", user)
                .param("password", password)
                .with(csrf()));
    }

    private MockHttpServletResponse send(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static SecurityContext hostContext(MockHttpSession session) {
        return (SecurityContext) session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    }

    private static SecurityContext portalContext(MockHttpSession session) {
        Object context = session.getAttribute(PortalInviteHttpConfigurer.SECURITY_CONTEXT_ATTRIBUTE);
        return context == null
                ? org.springframework.security.core.context.SecurityContextHolder.createEmptyContext()
                : (SecurityContext) context;
    }
}
