package io.portalinvite.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.password.PasswordHasher;
import io.portalinvite.spring.web.PortalResponseHeadersFilter;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.HostileCorpus;
import io.portalinvite.testing.PortalFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter's pages in an embedded Tomcat, spoken to over a raw socket as an attacker would: what
 * reaches the logs, the headers of every answer (the container's own error pages included), and
 * where redirects point when the request names another host.
 */
@SpringBootTest(
        classes = PortalPathsOverHttpTest.App.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.invite.dispatcher.enabled=false",
            "portal.invite.token-key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            "portal.invite.practice-defaults.link-base-url=https://portal.app.example/portal/invitation",
            // as behind a TLS-terminating proxy: the container trusts X-Forwarded-Proto from 127.0.0.1
            "server.forward-headers-strategy=native"
        })
class PortalPathsOverHttpTest {

    /** The request from the attacker's probe: a forged log line, then a byte that is not UTF-8. */
    static final String FORGED_QUERY = "token=%0D%0A2026-12-04T17:30:00.000Z%20%20INFO%20...%20"
            + "FORGED%20login%20succeeded%20for%20account%20admin%FF";

    /** A line break, then the forged line's time stamp: what a forged entry looks like in the log. */
    private static final Pattern FORGED_LINE = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]\\s*2026-12-04T17:30");

    /** Request lines longer than this are refused by Tomcat itself (its 8 KiB header limit). */
    private static final int OVERSIZE = 8_000;

    @LocalServerPort
    int port;

    // ---- log forging ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/portal/invitation?", "/portal/invitation/api/preview?", "/portal/login?"})
    void forgedLineInQueryWhenSentThenRefusedWith400AndOneEscapedLogLineWithoutStackTrace(String page)
            throws Exception {
        List<CapturedLogs.Entry> logged;
        RawHttp.Response response;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = RawHttp.get(port, page + FORGED_QUERY);
            logged = settle(logs);
        }

        assertThat(response.status()).isEqualTo(400);
        assertNoForgedLineAndNoStackTrace(logged);
        assertThat(logged)
                .filteredOn(e -> e.text().contains("FORGED"))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).doesNotContain("\r", "\n"));
        assertSecurityHeaders(response);
    }

    @Test
    void forgedLineInFormBodyWhenPostedThenRefusedWith400AndNoStackTrace() throws Exception {
        List<CapturedLogs.Entry> logged;
        RawHttp.Response response;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = RawHttp.send(
                    port,
                    "POST",
                    "/portal/invitation",
                    List.of("Content-Type: application/x-www-form-urlencoded"),
                    FORGED_QUERY + "&password=x&passwordConfirmation=x");
            logged = settle(logs);
        }

        assertThat(response.status()).isEqualTo(400);
        assertNoForgedLineAndNoStackTrace(logged);
        assertSecurityHeaders(response);
    }

    @Test
    void hostileCorpusTokensWhenSentToEveryPageThenNoServerErrorNoForgedLineAndNoStackTrace() throws Exception {
        List<String> problems = new ArrayList<>();
        List<CapturedLogs.Entry> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            for (HostileCorpus.Entry e : HostileCorpus.entries()) {
                String token = URLEncoder.encode(e.value(), StandardCharsets.UTF_8);
                for (String page : List.of("/portal/invitation?token=", "/portal/invitation/api/preview?token=")) {
                    RawHttp.Response r = RawHttp.get(port, page + token);
                    if (page.length() + token.length() > OVERSIZE) {
                        // the container refuses a request line over its limit before it knows the
                        // path: its own 400, which echoes nothing of the request
                        if (r.status() != 400 || r.body().contains(token.substring(0, 64))) {
                            problems.add(page + " " + e + ": " + r.status() + " " + r.body());
                        }
                    } else if (r.status() >= 500 || !hasHeaders(r)) {
                        problems.add(page + " " + e + ": " + r.status() + " " + r.headers());
                    }
                }
            }
            logged = settle(logs);
        }
        assertThat(problems).isEmpty();
        // Tomcat notes its first refused oversize request line once per process (later ones at DEBUG),
        // with a trace but nothing of the request: the one container line the portal cannot reach
        List<CapturedLogs.Entry> tooLarge = logged.stream()
                .filter(e ->
                        e.logger().startsWith("org.apache.coyote") && e.text().contains("too large"))
                .toList();
        assertThat(tooLarge)
                .hasSizeLessThanOrEqualTo(1)
                .noneSatisfy(e -> assertThat(e.text()).contains("AAAAAAAA"));
        List<CapturedLogs.Entry> rest = new ArrayList<>(logged);
        rest.removeAll(tooLarge);
        assertNoForgedLineAndNoStackTrace(rest);
        assertThat(rest).allSatisfy(e -> assertThat(e.text()).doesNotContain("\r", "\n"));
    }

    // ---- headers on every answer -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/portal/login",
                "/portal/invitation?token=AAAA",
                "/portal/invitation/api/preview?token=AAAA",
                "/portal/invitation/no-such-page",
                "/portal/invitation/boom",
                "/portal/invitation?token=%FF",
                "/portal/home"
            })
    void anyPortalAnswerWhenRequestedThenCarriesCspNoStoreNoReferrerButNoHstsOverHttp(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(port, target);

        assertSecurityHeaders(response);
        assertThat(response.header("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void containerErrorPagesWhenNotFoundOrFailedThenStillCarryTheHeaders() throws Exception {
        RawHttp.Response missing = RawHttp.get(port, "/portal/invitation/no-such-page");
        RawHttp.Response failed = RawHttp.get(port, "/portal/invitation/boom");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(failed.status()).isEqualTo(500);
        assertSecurityHeaders(missing);
        assertSecurityHeaders(failed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/portal/login", "/portal/invitation/no-such-page", "/portal/invitation?token=%FF"})
    void anyPortalAnswerWhenRequestCameOverHttpsThenCarriesHsts(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(port, target, "X-Forwarded-Proto: https");

        assertThat(response.header("Strict-Transport-Security")).contains("max-age=31536000; includeSubDomains");
        assertSecurityHeaders(response);
    }

    @Test
    void otherPagesOfTheHostWhenRequestedThenLeftAlone() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/public?x=%0D%0A");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy")).isEmpty();
    }

    // ---- redirects never follow the Host header --------------------------------------------------

    @Test
    void redirectsWhenHostHeaderNamesAnotherSiteThenNeverPointThere() throws Exception {
        List<RawHttp.Response> redirects = List.of(
                RawHttp.get(port, "/portal/home", "Host: evil.example", "X-Forwarded-Host: evil.example"),
                RawHttp.get(port, "/portal", "Host: evil.example"),
                RawHttp.send(
                        port,
                        "POST",
                        "/portal/logout",
                        List.of("Host: evil.example", "Content-Type: application/x-www-form-urlencoded"),
                        "x=1"));

        for (RawHttp.Response r : redirects) {
            assertThat(r.all("Location"))
                    .allSatisfy(location -> assertThat(location).doesNotContainIgnoringCase("evil.example"));
        }
        assertThat(redirects.get(0).status()).isEqualTo(302);
        assertThat(redirects.get(0).header("Location"))
                .hasValueSatisfying(l -> assertThat(l)
                        .satisfiesAnyOf(
                                v -> assertThat(v).startsWith("/portal/login"),
                                v -> assertThat(v).startsWith("https://portal.app.example/portal/login")));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static List<CapturedLogs.Entry> settle(CapturedLogs logs) throws InterruptedException {
        // the container logs on its own thread after the response has gone
        Thread.sleep(300);
        return logs.entries();
    }

    private static void assertNoForgedLineAndNoStackTrace(List<CapturedLogs.Entry> logged) {
        assertThat(logged).noneSatisfy(e -> assertThat(e.text()).containsPattern(FORGED_LINE));
        assertThat(logged).noneMatch(CapturedLogs.Entry::stackTrace);
        assertThat(logged).noneSatisfy(e -> assertThat(e.text()).contains("\u00FF"));
    }

    private static boolean hasHeaders(RawHttp.Response r) {
        return r.header("Cache-Control").filter("no-store"::equals).isPresent()
                && r.header("Referrer-Policy").filter("no-referrer"::equals).isPresent()
                && r.header("Content-Security-Policy").isPresent();
    }

    private static void assertSecurityHeaders(RawHttp.Response response) {
        assertThat(response.all("Cache-Control")).as("Cache-Control").containsExactly("no-store");
        assertThat(response.all("Referrer-Policy")).as("Referrer-Policy").containsExactly("no-referrer");
        assertThat(response.all("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.all("Content-Security-Policy"))
                .containsExactly(PortalResponseHeadersFilter.DEFAULT_CONTENT_SECURITY_POLICY);
    }

    /** The host application: a public site with the portal under /portal. */
    @SpringBootApplication
    static class App {

        @Bean
        CapturingEmailSender emailSender() {
            return new CapturingEmailSender();
        }

        @Bean
        PasswordHasher passwordHasher() {
            return PortalFixture.fastHasher();
        }

        /** The host's own chain: its pages are public. */
        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }

        @Bean
        Pages pages() {
            return new Pages();
        }
    }

    /** A host page outside the portal, and a handler under the portal's open paths that fails. */
    @RestController
    static class Pages {

        @GetMapping("/public")
        String publicPage() {
            return "public";
        }

        @GetMapping("/portal/invitation/boom")
        String boom() {
            throw new IllegalStateException("a bug in a handler");
        }
    }
}
