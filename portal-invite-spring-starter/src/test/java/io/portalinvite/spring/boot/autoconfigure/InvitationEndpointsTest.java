package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.portalinvite.PortalInvite;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.spring.web.InvitationApiController;
import io.portalinvite.spring.web.InvitationPageController;
import io.portalinvite.spring.web.PortalResponseHeadersFilter;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.MutableClock;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

class InvitationEndpointsTest {

    private static final String PAGE = "/portal/invitation";
    private static final String API = "/portal/invitation/api";
    private static final String UNKNOWN_TOKEN = "A".repeat(43);
    private static final String OTHER_PASSWORD = "granite ferry lantern orbit";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PortalInviteAutoConfiguration.class,
                    PortalInviteSecurityAutoConfiguration.class,
                    PortalInviteWebAutoConfiguration.class))
            .withUserConfiguration(Mvc.class, PortalInviteAutoConfigurationTest.CapturingSenders.class)
            .withPropertyValues("portal.invite.web.enabled=true", "portal.invite.dispatcher.enabled=false")
            .withPropertyValues(TestPortal.REQUIRED);

    @Test
    void pagesSwitchedOffWhileLinksPointAtTheirPathThenStartupFailsNamingTheSwitch() {
        runner.withPropertyValues("portal.invite.web.enabled=false")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .isInstanceOf(PortalInviteConfigurationException.class)
                        .hasMessageContaining("portal.invite.web.enabled=\"false\"")
                        .hasMessageContaining(TestPortal.LINK_BASE));
    }

    @Test
    void pagesSwitchedOffWhileLinksPointElsewhereThenNoPageIsServed() {
        runner.withPropertyValues(
                        "portal.invite.web.enabled=false",
                        "portal.invite.practice-defaults.link-base-url=https://app.sunrise.example/welcome")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(InvitationPageController.class)
                        .doesNotHaveBean(InvitationApiController.class)
                        // the portal paths keep their headers and request checks whoever renders them
                        .hasSingleBean(PortalResponseHeadersFilter.class)
                        .hasSingleBean(io.portalinvite.spring.web.PortalRequestFilter.class));
    }

    @Test
    void pagesSwitchedOffWhileTheHostServesTheLinkedPathThenStartupSucceeds() {
        runner.withPropertyValues("portal.invite.web.enabled=false")
                .withUserConfiguration(HostInvitationPage.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(InvitationPageController.class));
    }

    @Test
    void showingThePageTenTimesDoesNotUseUpTheLinkAndThePostThenCreatesTheAccount() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            String token = invite(context, "PT-1");

            for (int i = 0; i < 10; i++) {
                MockHttpServletResponse page = send(mvc, get(PAGE).param("token", token));
                assertThat(page.getStatus()).isEqualTo(200);
                assertThat(page.getContentType()).startsWith("text/html");
                assertThat(page.getContentAsString())
                        .contains(
                                "Sunrise Family Clinic",
                                "Hello Ada",
                                "a***@example.org",
                                "name=\"password\"",
                                "name=\"passwordConfirmation\"",
                                "name=\"dateOfBirth\"",
                                "value=\"" + token + "\"",
                                "action=\"/portal/invitation\"");
            }

            MockHttpSession browser = new MockHttpSession();
            MockHttpServletResponse posted = send(
                    mvc,
                    form(token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17")
                            .session(browser));
            assertThat(posted.getStatus()).as("Post/Redirect/Get").isEqualTo(303);
            assertThat(posted.getHeader("Location")).isEqualTo(PAGE + "/done");
            for (int refresh = 0; refresh < 2; refresh++) {
                MockHttpServletResponse done = send(mvc, get(PAGE + "/done").session(browser));
                assertThat(done.getStatus()).isEqualTo(200);
                assertThat(done.getContentAsString())
                        .contains("Your account is ready", "a***@example.org", "href=\"/portal/login\"")
                        .doesNotContain("ada.pt-1@example.org");
            }

            assertThat(send(mvc, get(PAGE).param("token", token)).getStatus()).isEqualTo(404);
        });
    }

    @Test
    void everyResponseUnderThePathsForbidsReferrersAndCachingIncludingErrors() {
        // checklist A10 (ASVS 3.4.5, 14.3.2): the link page never leaks the token by Referer or cache
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            String token = invite(context, "PT-2");
            List<RequestBuilder> requests = List.of(
                    get(PAGE).param("token", token),
                    get(PAGE).param("token", UNKNOWN_TOKEN),
                    get(PAGE),
                    form(token, "short", "short", "1990-05-17"),
                    get(API + "/preview").param("token", token),
                    get(API + "/preview").param("token", "not-a-token"),
                    post(API + "/complete")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{not json"),
                    get(PAGE + "/nothing-here"));
            List<Integer> statuses = new ArrayList<>();
            for (RequestBuilder request : requests) {
                MockHttpServletResponse response = send(mvc, request);
                statuses.add(response.getStatus());
                assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
                assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
            }
            assertThat(statuses).containsExactly(200, 404, 404, 422, 200, 404, 400, 404);

            MockHttpServletResponse elsewhere = send(mvc, get("/elsewhere"));
            assertThat(elsewhere.getHeader("Referrer-Policy")).isNull();
        });
    }

    @Test
    void unknownUsedExpiredAndMalformedLinksGetTheSameGenericAnswer() {
        runner.withBean(MutableClock.class, () -> new MutableClock(PortalFixture.START))
                .run(context -> {
                    MockMvc mvc = mvc(context);
                    String used = invite(context, "PT-3");
                    assertThat(send(mvc, form(used, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17"))
                                    .getStatus())
                            .isEqualTo(303);
                    String expired = invite(context, "PT-4");
                    context.getBean(MutableClock.class).advance(Duration.ofDays(8));

                    List<String> pages = new ArrayList<>();
                    List<String> apiBodies = new ArrayList<>();
                    for (String token : List.of(UNKNOWN_TOKEN, used, expired, "x")) {
                        MockHttpServletResponse page = send(mvc, get(PAGE).param("token", token));
                        assertThat(page.getStatus()).isEqualTo(404);
                        pages.add(page.getContentAsString());
                        // a password that proves nobody: the used link's holder is told more (below)
                        MockHttpServletResponse posted =
                                send(mvc, form(token, OTHER_PASSWORD, OTHER_PASSWORD, "1990-05-17"));
                        assertThat(posted.getStatus()).isEqualTo(404);
                        pages.add(posted.getContentAsString());
                        MockHttpServletResponse preview =
                                send(mvc, get(API + "/preview").param("token", token));
                        assertThat(preview.getStatus()).isEqualTo(404);
                        apiBodies.add(preview.getContentAsString());
                        MockHttpServletResponse completed = send(
                                mvc,
                                post(API + "/complete")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(json(
                                                token,
                                                TestPortal.GOOD_PASSWORD,
                                                TestPortal.GOOD_PASSWORD,
                                                "1990-05-17")));
                        assertThat(completed.getStatus()).isEqualTo(404);
                        apiBodies.add(completed.getContentAsString());
                    }
                    assertThat(pages).allMatch(p -> p.equals(pages.get(0)));
                    assertThat(pages.get(0)).contains("This link is not valid or has expired");

                    MockHttpServletResponse holder =
                            send(mvc, form(used, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17"));
                    assertThat(holder.getStatus()).isEqualTo(200);
                    assertThat(holder.getContentAsString())
                            .as("the used link with its account's password: that person is sent to sign in")
                            .contains("You already have an account", "href=\"/portal/login\"");
                    for (String token : List.of(UNKNOWN_TOKEN, expired, "x")) {
                        assertThat(send(
                                                mvc,
                                                form(
                                                        token,
                                                        TestPortal.GOOD_PASSWORD,
                                                        TestPortal.GOOD_PASSWORD,
                                                        "1990-05-17"))
                                        .getContentAsString())
                                .as("any other unusable link, whatever the password")
                                .isEqualTo(pages.get(0));
                    }
                    assertThat(apiBodies).allMatch(b -> b.equals(apiBodies.get(0)));
                    assertThat(apiBodies.get(0)).contains("\"error\":\"invalid_link\"", "\"violations\":[]");
                });
    }

    @Test
    void refusedInputIsShownNextToTheFieldsAndTheLinkStaysUsable() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            String token = invite(context, "PT-5");

            String mismatch = send(mvc, form(token, TestPortal.GOOD_PASSWORD, "something else entirely", "1990-05-17"))
                    .getContentAsString();
            assertThat(mismatch)
                    .contains(
                            "id=\"passwordConfirmation-error\"",
                            "The two passwords do not match.",
                            "value=\"" + token + "\"");

            MockHttpServletResponse tooShort = send(mvc, form(token, "short", "short", "1990-05-17"));
            assertThat(tooShort.getStatus()).isEqualTo(422);
            assertThat(tooShort.getContentAsString())
                    .contains("id=\"password-error\"", "Use at least 15 characters")
                    .doesNotContain("value=\"short\"");

            MockHttpServletResponse wrongBirthday =
                    send(mvc, form(token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-18"));
            assertThat(wrongBirthday.getStatus()).isEqualTo(422);
            assertThat(wrongBirthday.getContentAsString())
                    .contains("id=\"dateOfBirth-error\"", "This date of birth does not match our records.")
                    .as("the date typed is kept")
                    .contains("value=\"1990-05-18\"");

            assertThat(send(mvc, form(token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "17/05/1990"))
                            .getContentAsString())
                    .contains("id=\"dateOfBirth-error\"", "Enter a valid date.");

            MockHttpServletResponse api = send(
                    mvc,
                    post(API + "/complete")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json(token, "short", "short", "1990-05-17")));
            assertThat(api.getStatus()).isEqualTo(422);
            assertThat(api.getContentAsString())
                    .contains(
                            "\"error\":\"validation_failed\"",
                            "\"field\":\"password\"",
                            "\"rule\":\"password.too_short\"",
                            "\"message\":\"Use at least 15");

            MockHttpServletResponse ok = send(
                    mvc,
                    post(API + "/complete")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json(token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17")));
            assertThat(ok.getStatus()).isEqualTo(200);
            assertThat(ok.getContentAsString())
                    .contains("\"registered\":true", "\"newAccount\":true", "\"loginUrl\":\"/portal/login\"");
        });
    }

    @Test
    void jsonPreviewDescribesTheInvitationWithoutUsingItUp() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            String token = invite(context, "PT-6");
            for (int i = 0; i < 3; i++) {
                MockHttpServletResponse preview =
                        send(mvc, get(API + "/preview").param("token", token));
                assertThat(preview.getStatus()).isEqualTo(200);
                assertThat(preview.getContentAsString())
                        .contains(
                                "\"practiceName\":\"Sunrise Family Clinic\"",
                                "\"inviteeFirstName\":\"Ada\"",
                                "\"maskedEmail\":\"a***@example.org\"",
                                "\"dateOfBirthRequired\":true",
                                "\"inviteeKind\":\"PATIENT\"");
            }
        });
    }

    @Test
    void valuesOnThePageAreHtmlEscaped() {
        runner.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            portal.settings()
                    .save(
                            PortalSettings.builder(TestPortal.PRACTICE)
                                    .enabled(true)
                                    .practiceName("Smith & \"Jones\" O'Clinic")
                                    .invitationLinkBase("https://portal.sunrise.example/invitation")
                                    .build(),
                            TestPortal.STAFF);
            portal.invitations().invite(TestPortal.newPatient("PT-7"));
            portal.dispatcher().drain();
            String token = context.getBean(CapturingEmailSender.class).lastToken();
            String page = send(mvc(context), get(PAGE).param("token", token)).getContentAsString();
            // markup cannot get into a practice name any more (the SMS text rule refuses < and >); the
            // characters it allows that HTML gives a meaning are escaped
            assertThat(page)
                    .contains("Smith &amp; &quot;Jones&quot; O&#39;Clinic")
                    .doesNotContain("\"Jones\"");
        });
    }

    @Test
    void withSpringSecurityTheFormCarriesTheCsrfTokenAndAPostWithoutItIsRefused() {
        runner.withUserConfiguration(Security.class).run(context -> {
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                    .addFilters(context.getBean(PortalResponseHeadersFilter.class))
                    .apply(springSecurity())
                    .build();
            String token = invite(context, "PT-8");

            String page = send(mvc, get(PAGE).param("token", token)).getContentAsString();
            assertThat(page).contains("name=\"_csrf\"");

            MockHttpSession expired = new MockHttpSession();
            MockHttpServletResponse forged = send(
                    mvc,
                    form(token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17")
                            .session(expired));
            assertThat(forged.getStatus())
                    .as("no bare 403: back to the same step")
                    .isEqualTo(303);
            assertThat(forged.getHeader("Location"))
                    .isEqualTo(PAGE + "?timeout&token=" + token)
                    .doesNotContain("jsessionid");
            assertThat(forged.getHeader("Cache-Control")).isEqualTo("no-store");
            assertThat(forged.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            MockHttpServletResponse again = send(
                    mvc, get(PAGE).param("timeout", "").param("token", token).session(expired));
            assertThat(again.getStatus()).as("the link was not used up").isEqualTo(200);
            assertThat(again.getContentAsString())
                    .contains(
                            "Your page timed out. Please enter your password again.",
                            "value=\"1990-05-17\"",
                            "name=\"_csrf\"")
                    .doesNotContain("jsessionid");

            MockHttpServletResponse real = send(
                    mvc,
                    form(token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17")
                            .with(csrf()));
            assertThat(real.getStatus()).isEqualTo(303);
            assertThat(real.getHeader("Location")).isEqualTo(PAGE + "/done");
        });
    }

    @Test
    void jsonClientsGetJsonAnswersNeverARedirectToTheSignInPage() {
        runner.withUserConfiguration(Security.class).run(context -> {
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                    .addFilters(context.getBean(PortalResponseHeadersFilter.class))
                    .apply(springSecurity())
                    .build();
            String token = invite(context, "PT-J1");
            MockHttpSession browser = new MockHttpSession();

            MockHttpServletResponse notSignedIn = send(mvc, get("/portal/home").accept(MediaType.APPLICATION_JSON));
            assertThat(notSignedIn.getStatus()).isEqualTo(401);
            assertThat(notSignedIn.getHeader("Location")).isNull();
            assertThat(notSignedIn.getContentAsString()).contains("\"error\":\"not_signed_in\"");

            String body = json(token, TestPortal.GOOD_PASSWORD, TestPortal.GOOD_PASSWORD, "1990-05-17");
            MockHttpServletResponse forged = send(
                    mvc,
                    post(API + "/complete")
                            .session(browser)
                            .contentType(MediaType.APPLICATION_JSON)
                            .accept(MediaType.APPLICATION_JSON)
                            .content(body));
            assertThat(forged.getStatus()).isEqualTo(403);
            assertThat(forged.getContentAsString()).contains("\"error\":\"csrf_token_invalid\"");

            MockHttpServletResponse csrf = send(mvc, get(API + "/csrf").session(browser));
            assertThat(csrf.getStatus()).isEqualTo(200);
            String json = csrf.getContentAsString();
            assertThat(json).contains("\"headerName\":\"X-CSRF-TOKEN\"", "\"parameterName\":\"_csrf\"");
            String value = json.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

            MockHttpServletResponse done = send(
                    mvc,
                    post(API + "/complete")
                            .session(browser)
                            .header("X-CSRF-TOKEN", value)
                            .contentType(MediaType.APPLICATION_JSON)
                            .accept(MediaType.APPLICATION_JSON)
                            .content(body));
            assertThat(done.getStatus()).isEqualTo(200);
            assertThat(done.getContentAsString()).contains("\"registered\":true");
        });
    }

    @Test
    void signInFormPostedAfterTheSessionEndedThenBackToSignInWithTheEmailKept() {
        runner.withUserConfiguration(Security.class).run(context -> {
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                    .addFilters(context.getBean(PortalResponseHeadersFilter.class))
                    .apply(springSecurity())
                    .build();
            MockHttpSession fresh = new MockHttpSession();
            MockHttpServletResponse stale = send(
                    mvc,
                    post("/portal/login")
                            .session(fresh)
                            .param("email", "ada@example.org")
                            .param("password", TestPortal.GOOD_PASSWORD));
            assertThat(stale.getStatus()).isEqualTo(303);
            assertThat(stale.getHeader("Location")).isEqualTo("/portal/login?timeout");

            String page = send(mvc, get("/portal/login").param("timeout", "").session(fresh))
                    .getContentAsString();
            assertThat(page)
                    .contains("Your page timed out. Please enter your password again.", "value=\"ada@example.org\"")
                    .doesNotContain(TestPortal.GOOD_PASSWORD);

            MockHttpServletResponse logout = send(mvc, post("/portal/logout").session(new MockHttpSession()));
            assertThat(logout.getHeader("Location"))
                    .as("a sign-out after the session ended is simply signed out")
                    .isEqualTo("/portal/login?logout");
        });
    }

    @Test
    void pagesWhenTheBrowserOrThePatientAsksForALanguageThenInThatLanguageOtherwiseThePractices() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            String token = invite(context, "PT-L1");

            assertThat(send(mvc, get(PAGE).param("token", token)).getContentAsString())
                    .as("the practice's locale by default")
                    .contains("lang=\"en-AU\"", "Set up your Patient Portal account");
            assertThat(send(mvc, get(PAGE).param("token", token).header("Accept-Language", "es-MX,es;q=0.9"))
                            .getContentAsString())
                    .contains("lang=\"es\"", "Cree su cuenta del Portal del Paciente");
            assertThat(send(mvc, get(PAGE).param("token", token).header("Accept-Language", "zh-CN,zh;q=0.9"))
                            .getContentAsString())
                    .contains("lang=\"zh-Hans\"", "设置您的患者门户账户");
            assertThat(send(mvc, get(PAGE).param("token", token).header("Accept-Language", "en-US,fr;q=0.8"))
                            .getContentAsString())
                    .as("the practice's own language wins over another variant of it")
                    .contains("lang=\"en-AU\"");
            assertThat(send(mvc, get(PAGE).param("token", token).header("Accept-Language", "ko-KR"))
                            .getContentAsString())
                    .as("a language not offered")
                    .contains("lang=\"en-AU\"");

            MockHttpSession patient = new MockHttpSession();
            String arabic = send(
                            mvc,
                            get(PAGE).param("token", token).param("lang", "ar").session(patient))
                    .getContentAsString();
            assertThat(arabic).contains("lang=\"ar\" dir=\"rtl\"", "أنشئ حسابك في بوابة المرضى");
            assertThat(send(mvc, get("/portal/login").session(patient)).getContentAsString())
                    .as("the choice stays for the visit")
                    .contains("lang=\"ar\" dir=\"rtl\"", "تسجيل الدخول إلى بوابة المرضى");
            assertThat(send(
                                    mvc,
                                    get("/portal/login")
                                            .param("lang", "xx-nonsense")
                                            .session(patient))
                            .getContentAsString())
                    .as("an unknown choice changes nothing")
                    .contains("lang=\"ar\"");
        });
    }

    @Test
    void styleSheetWhenThemedThenCarriesTheColourAndAnUnreadableColourStopsStartUp() {
        runner.withPropertyValues("portal.invite.web.theme.primary-colour=#FFCC00")
                .run(context -> {
                    MockHttpServletResponse css = send(mvc(context), get("/portal/assets/portal.css"));
                    assertThat(css.getStatus()).isEqualTo(200);
                    assertThat(css.getContentType()).startsWith("text/css");
                    assertThat(css.getContentAsString())
                            .startsWith(":root{--pi-primary:#ffcc00;--pi-on-primary:#000000}")
                            .contains(".pi-primary");
                });
        runner.withPropertyValues("portal.invite.web.theme.primary-colour=red;}body{display:none")
                .run(context -> assertThat(TestPortal.startupFailure(context))
                        .isInstanceOf(PortalInviteConfigurationException.class)
                        .hasMessageContaining("portal.invite.web.theme.primary-colour"));
    }

    static MockMvc mvc(AssertableWebApplicationContext context) {
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(PortalResponseHeadersFilter.class));
        return builder.build();
    }

    static MockHttpServletResponse send(MockMvc mvc, RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(
            String token, String password, String confirmation, String dateOfBirth) {
        return post(PAGE)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token)
                .param("password", password)
                .param("passwordConfirmation", confirmation)
                .param("dateOfBirth", dateOfBirth);
    }

    private static String json(String token, String password, String confirmation, String dateOfBirth) {
        return "{\"token\":\"" + token + "\",\"password\":\"" + password + "\",\"passwordConfirmation\":\""
                + confirmation + "\",\"dateOfBirth\":\"" + dateOfBirth + "\"}";
    }

    private static String invite(AssertableWebApplicationContext context, String patientId) {
        PortalInvite portal = context.getBean(PortalInvite.class);
        if (!portal.settings().get(TestPortal.PRACTICE).enabled()) {
            TestPortal.enable(portal);
        }
        portal.invitations().invite(TestPortal.newPatient(patientId));
        portal.dispatcher().drain();
        return context.getBean(CapturingEmailSender.class).lastToken();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Mvc {}

    /** A host serving its own invitation page where the links point. */
    @org.springframework.stereotype.Controller
    static class HostInvitationPage {
        @org.springframework.web.bind.annotation.GetMapping("/portal/invitation")
        @org.springframework.web.bind.annotation.ResponseBody
        String page() {
            return "the host's own invitation page";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Security {
        @Bean
        SecurityFilterChain portalChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
    }
}
