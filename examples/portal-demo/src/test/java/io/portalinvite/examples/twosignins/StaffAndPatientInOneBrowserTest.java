package io.portalinvite.examples.twosignins;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.examples.demo.Chromium;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.password.Argon2Parameters;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.testing.CapturingEmailSender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff and a patient signed in in one real browser (a package of its own, so that neither this host
 * nor the demo application finds the other's configuration): a host with its own staff form login and the
 * starter with its own pages. The patient's sign-in changes the session cookie but ends neither the
 * staff sign-in nor the staff form's CSRF token, and the patient's logout leaves staff signed in.
 */
@SpringBootTest(
        classes = StaffAndPatientInOneBrowserTest.Host.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.invite.token-key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            "portal.invite.dev-mode=false",
            "portal.invite.web.enabled=true",
            // the starter's own home page: this host has none of its own (the demo's properties switch it off)
            "portal.invite.web.home-page=true",
            "portal.invite.practice-defaults.link-base-url=https://practice.example/portal/invitation",
            "portal.invite.dispatcher.enabled=false",
            "portal.invite.maintenance.enabled=false"
        })
@EnabledIf(
        value = "io.portalinvite.examples.demo.Chromium#installed",
        disabledReason =
                "Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
class StaffAndPatientInOneBrowserTest {

    private static final String STAFF_PASSWORD = "front desk passphrase 2026";
    private static final String PATIENT_PASSWORD = "copper lantern harbour seven";

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    PortalInvite portal;

    @Autowired
    CapturingEmailSender email;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(Path.of("target", "e2e-browser-two-sign-ins"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void staffAndPatientSignedInInOneBrowserThenBothKeepTheirSignIns() {
        String patient = registeredPatient();

        open("/staff/notes");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        type("username", "reception");
        type("password", STAFF_PASSWORD);
        press("Sign in");
        assertThat(text("h1")).isEqualTo("Staff notes");
        String staffCookie = sessionCookie();
        String staffWindow = browser.getWindowHandle();

        browser.switchTo().newWindow(WindowType.TAB);
        open("/portal/login");
        assertThat(text("h1")).isEqualTo("Sign in to the Patient Portal");
        type("email", patient);
        type("password", PATIENT_PASSWORD);
        press("Sign in");
        assertThat(browser.getCurrentUrl()).endsWith("/portal/home");
        assertThat(text("#portal-user")).isEqualTo("You are signed in as p***@example.org.");
        assertThat(sessionCookie()).as("a new session id at the portal login").isNotEqualTo(staffCookie);

        browser.switchTo().window(staffWindow);
        type("note", "called the patient back");
        press("Save note");
        assertThat(text("p"))
                .as("the staff form loaded before the patient's sign-in still posts")
                .isEqualTo("saved: called the patient back");
        open("/staff/notes");
        assertThat(text("h1")).isEqualTo("Staff notes");

        open("/portal/home");
        assertThat(text("#portal-user")).isEqualTo("You are signed in as p***@example.org.");
        press("Sign out");
        assertThat(browser.getCurrentUrl()).endsWith("/portal/login?logout");
        open("/portal/home");
        assertThat(browser.getCurrentUrl()).endsWith("/portal/login");
        open("/staff/notes");
        assertThat(text("h1"))
                .as("staff still signed in after the patient's logout")
                .isEqualTo("Staff notes");
    }

    private String registeredPatient() {
        PracticeId practice = PracticeId.of("sunrise");
        portal.settings().enable(practice, StaffId.of("admin"));
        LocalDate dob = LocalDate.of(1990, 5, 17);
        portal.invitations()
                .invite(InviteRequest.newPatient("sunrise", "reception")
                        .patientId("PT-TWO")
                        .name("Pat", "Lee")
                        .dateOfBirth(dob)
                        .email("pat.lee@example.org")
                        .build());
        portal.dispatcher().drain();
        portal.registration()
                .complete(new CompleteRegistration(email.lastToken(), PATIENT_PASSWORD, PATIENT_PASSWORD, dob));
        return "pat.lee@example.org";
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static String sessionCookie() {
        Cookie cookie = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(cookie).as("session cookie").isNotNull();
        return cookie.getValue();
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static void type(String id, String value) {
        browser.findElement(By.id(id)).clear();
        browser.findElement(By.id(id)).sendKeys(value);
    }

    private static void press(String buttonText) {
        Chromium.clickAndLoad(
                browser, browser.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']")));
    }

    /** A host with a staff form login of its own and one staff page with a form. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Host {

        @Bean
        SecurityFilterChain staff(HttpSecurity http) {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .logout(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager staffUsers() {
            return new InMemoryUserDetailsManager(User.withUsername("reception")
                    .password("{noop}" + STAFF_PASSWORD)
                    .roles("STAFF")
                    .build());
        }

        @Bean
        CapturingEmailSender capturingEmail() {
            return new CapturingEmailSender();
        }

        @Bean
        PasswordHasher fastHasher() {
            return Argon2idPasswordHasher.builder()
                    .parameters(new Argon2Parameters(Argon2Parameters.MIN_MEMORY_KIB, 1, 1))
                    .build();
        }

        /** The staff page: a note form with the host's CSRF token. */
        @RestController
        static class Notes {
            private final List<String> saved = new ArrayList<>();

            @GetMapping(value = "/staff/notes", produces = "text/html")
            String page(CsrfToken csrf) {
                return "<!DOCTYPE html><html><body><h1>Staff notes</h1><form method=\"post\" action=\"/staff/notes\">"
                        + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken()
                        + "\"><input id=\"note\" name=\"note\"><button type=\"submit\">Save note</button></form>"
                        + "</body></html>";
            }

            @PostMapping(value = "/staff/notes", produces = "text/html")
            String save(@RequestParam String note) {
                saved.add(note);
                return "<!DOCTYPE html><html><body><p>saved: " + note.replaceAll("[<>&\"]", "") + "</p></body></html>";
            }
        }
    }
}
