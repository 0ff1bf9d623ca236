package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.spring.web.PortalResponseHeadersFilter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * The demo in its embedded Tomcat, spoken to over a raw socket as the attacker's probe did: the
 * forged log line, the headers of the portal's own pages and of the container's error pages,
 * redirects under a foreign Host header, and the settings page refusing a practice name that
 * would smuggle a link into the SMS.
 */
@SpringBootTest(
        classes = PortalDemoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.invite.dispatcher.enabled=false",
            // the test log configuration keeps only warnings; the refusal is logged at INFO
            "logging.level.io.portalinvite.spring.web=INFO"
        })
class DemoPortalPathsOverHttpTest {

    private static final String FORGED = "/portal/invitation?token=%0D%0A2026-12-04T17:30:00.000Z%20%20INFO%20...%20"
            + "FORGED%20login%20succeeded%20for%20account%20admin%FF";
    private static final Pattern FORGED_LINE = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]\\s*2026-12-04T17:30");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void forgedLineWhenSentThenRefusedWith400AndNoForgedLineOrStackTraceInTheLogs() throws Exception {
        RawHttp.Response response;
        List<CapturedLogs.Entry> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = RawHttp.get(port, FORGED);
            Thread.sleep(300);
            logged = logs.entries();
        }

        assertThat(response.status()).isEqualTo(400);
        assertThat(logged).noneSatisfy(e -> assertThat(e.text()).containsPattern(FORGED_LINE));
        assertThat(logged).noneMatch(CapturedLogs.Entry::stackTrace);
        assertThat(logged).filteredOn(e -> e.text().contains("FORGED")).singleElement();
        assertHeaders(response);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/portal/login", "/portal/invitation?token=AAAA", "/portal/invitation/nope", "/portal/home"})
    void portalAnswersWhenRequestedThenCarryThePortalPolicyNoStoreAndNoReferrer(String target) throws Exception {
        assertHeaders(RawHttp.get(port, target));
    }

    @Test
    void redirectWhenHostHeaderNamesAnotherSiteThenStaysOnThisSite() throws Exception {
        RawHttp.Response response =
                RawHttp.get(port, "/portal/home", "Host: evil.example", "X-Forwarded-Host: evil.example");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).hasValue("/portal/login");
    }

    @Test
    void settingsPageWhenPracticeNameCarriesALinkThenFieldErrorAndNothingSaved() throws Exception {
        String cookie = signInAsAdmin();
        RawHttp.Response page = RawHttp.get(port, "/staff/settings", "Cookie: " + cookie);
        assertThat(page.status()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        Matcher linkBase = Pattern.compile(
                        "name=\"invitationLinkBase\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"invitationLinkBase\"")
                .matcher(page.body());
        assertThat(linkBase.find()).isTrue();
        String base = linkBase.group(1) != null ? linkBase.group(1) : linkBase.group(2);

        RawHttp.Response saved = RawHttp.send(
                port,
                "POST",
                "/staff/settings",
                List.of("Cookie: " + cookie, "Content-Type: application/x-www-form-urlencoded"),
                "_csrf=" + csrf.group(1) + "&enabled=true&practiceName=Sunrise+https%3A%2F%2Fevil.example%2Flogin"
                        + "&invitationLinkBase="
                        + java.net.URLEncoder.encode(base, java.nio.charset.StandardCharsets.UTF_8)
                        + "&invitationLifetime=PT168H");

        assertThat(saved.status()).isEqualTo(422);
        assertThat(saved.body()).contains("practiceName-error").doesNotContain("invitationLinkBase-error");
        assertThat(RawHttp.get(port, "/staff/settings", "Cookie: " + cookie).body())
                .doesNotContain("evil.example");
    }

    /** Signs the demo's practice administrator in through the staff form; returns the session cookie. */
    private String signInAsAdmin() throws Exception {
        RawHttp.Response form = RawHttp.get(port, "/staff/login");
        String anonymous = sessionCookie(form);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String password = StaffUsers.USERS.stream()
                .filter(u -> u.username().equals("admin"))
                .findFirst()
                .orElseThrow()
                .password();
        RawHttp.Response signedIn = RawHttp.send(
                port,
                "POST",
                "/staff/login",
                List.of("Cookie: " + anonymous, "Content-Type: application/x-www-form-urlencoded"),
                "_csrf=" + csrf.group(1) + "&username=admin&password=" + password);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location").orElseThrow()).doesNotContain("error");
        return sessionCookie(signedIn);
    }

    private static String sessionCookie(RawHttp.Response response) {
        return response.all("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    private void assertHeaders(RawHttp.Response response) {
        assertThat(response.all("Cache-Control")).containsExactly("no-store");
        assertThat(response.all("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(response.all("Content-Security-Policy"))
                .containsExactly(environment.getProperty(
                        "portal.invite.web.content-security-policy",
                        PortalResponseHeadersFilter.DEFAULT_CONTENT_SECURITY_POLICY));
        assertThat(response.header("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
    }
}
