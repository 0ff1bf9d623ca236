package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.examples.demo.mailbox.DemoMailServer;
import io.portalinvite.examples.demo.mailbox.ReceivedEmail;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.party.Relationship;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo's staff screens in a real headless Chromium: the staff sign-in and its two roles, the
 * patient list's Patient Portal status column and filter, per-grant revoke with who and when, and
 * readable history. Patients' own steps (registering, a carer accepting for a second child) go
 * through the library's API, so that this test stays about the staff side. Screenshots land in
 * {@code target/e2e-screenshots/staff/}.
 */
@SpringBootTest(
        classes = PortalDemoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a context of its own: the other browser test expects a practice whose portal is still off
        properties = {"portal.invite.dispatcher.poll-interval=200ms", "demo.practice-name=Staff Screens Clinic"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(
        value = "io.portalinvite.examples.demo.Chromium#installed",
        disabledReason =
                "Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
class StaffScreensBrowserTest {

    /** A folder of its own: the other browser test empties {@code target/e2e-screenshots} when it starts. */
    private static final Path SHOTS = Path.of("target", "e2e-screenshots", "staff");

    private static final String PASSWORD = "velvet harbour tram lantern 47";

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    PortalInvite portal;

    @Autowired
    DemoMailServer mail;

    @Autowired
    Practice practice;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        browser = Chromium.start(Path.of("target", "e2e-browser-staff"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * Signs a demo staff user in through the staff sign-in form. Opening a staff page first lands on
     * the form; after signing in the browser is back on that page.
     *
     * @param browser the browser
     * @param baseUrl e.g. {@code http://localhost:8080}
     * @param username {@code reception} or {@code admin}
     */
    static void signInStaff(WebDriver browser, String baseUrl, String username) {
        if (!browser.getCurrentUrl().contains("/staff/login")) {
            browser.get(baseUrl + "/staff/login");
        }
        String password = StaffUsers.USERS.stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow()
                .password();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        submit(browser, browser.findElement(By.xpath("//button[normalize-space()='Sign in']")));
    }

    @Test
    @Order(1)
    void staffPageWhenNotSignedInThenSignInFormAndAWrongPasswordIsRefused() {
        open("/staff/patients");
        assertThat(browser.getCurrentUrl()).contains("/staff/login");
        assertThat(text("main")).contains("Staff sign-in", "reception", "admin");
        shot("staff-01-sign-in");

        browser.findElement(By.id("username")).sendKeys("reception");
        browser.findElement(By.id("password")).sendKeys("not the password");
        press("Sign in");
        assertThat(text(".notice.bad")).isEqualTo("The user name or password is incorrect.");
        shot("staff-02-sign-in-refused");
    }

    @Test
    @Order(2)
    void receptionWhenSignedInThenPatientsWithTheirStatusButNotPortalSettings() {
        open("/staff/patients");
        signInStaff(browser, base(), "reception");
        assertThat(browser.getCurrentUrl()).contains("/staff/patients");
        assertThat(text(".signed-in")).isEqualTo("Signed in: Rosa Martin (reception)");
        assertThat(states()).containsValues("NOT_INVITED").doesNotContainValue("REGISTERED");
        shot("staff-03-patients-not-invited");

        open("/staff/settings");
        assertThat(text("h1")).isEqualTo("Not allowed");
        shot("staff-04-settings-need-admin");

        press("Sign out");
        assertThat(text(".notice.ok")).isEqualTo("You have signed out.");
        open("/staff/patients");
        assertThat(browser.getCurrentUrl()).contains("/staff/login");
    }

    @Test
    @Order(3)
    void statusColumnWhenPatientsMoveThroughTheFlowThenEachStateShowsAndTheFilterSelectsIt() {
        signInStaff(browser, base(), "admin");
        assertThat(text(".signed-in")).isEqualTo("Signed in: Dr Amelia Chen (practice admin)");
        open("/staff/settings");
        assertThat(text("main")).doesNotContain("GSM_7", "UCS_2");
        WebElement enabled = browser.findElement(By.id("enabled"));
        if (!enabled.isSelected()) {
            enabled.click();
        }
        press("Save settings");
        assertThat(text(".notice.ok")).contains("enabled");
        shot("staff-05-settings-as-admin");

        // Grace from the demographic window; Alan and Katherine through the library, as another screen would
        open("/staff/patients/1001");
        browser.findElement(By.id("portalAccess")).click();
        press("Save");
        assertThat(text(".notice.ok")).contains("Patient Portal access sent to grace.hopper@example.org");
        invite("1002", "Alan", "Turing", LocalDate.of(1992, 6, 23), "alan.turing@example.org");
        invite("1005", "Katherine", "Johnson", LocalDate.of(1974, 8, 26), "katherine.johnson@example.org");
        String alan = awaitLink("alan.turing@example.org", 1);
        String katherine = awaitLink("katherine.johnson@example.org", 1);
        awaitLink("grace.hopper@example.org", 1);
        portal.registration().preview(token(alan));
        register(token(katherine), LocalDate.of(1974, 8, 26));

        open("/staff/patients");
        Map<String, String> states = states();
        assertThat(states)
                .containsEntry("Hopper, Grace", "DELIVERED")
                .containsEntry("Turing, Alan", "OPENED")
                .containsEntry("Johnson, Katherine", "REGISTERED")
                .containsEntry("Hamilton, Margaret", "NOT_INVITED");
        assertThat(rowText("Turing, Alan")).contains("Link opened");
        assertThat(rowText("Johnson, Katherine")).contains("Registered");
        shot("staff-06-patients-status-column");

        new Select(browser.findElement(By.id("status"))).selectByVisibleText("Registered");
        press("Search");
        assertThat(states()).containsOnlyKeys("Johnson, Katherine");
        assertThat(text(".result-count")).isEqualTo("1 patient");
        shot("staff-07-patients-filtered-registered");

        new Select(browser.findElement(By.id("status"))).selectByVisibleText("Not invited");
        press("Search");
        assertThat(states()).containsKey("Hamilton, Margaret").doesNotContainKey("Johnson, Katherine");
    }

    @Test
    @Order(4)
    void grantWhenRevokedByStaffThenOnlyThatPatientLosesAccessAndThePageSaysWhoAndWhen() {
        // one carer for two patients: Noah (a child) and Margaret
        inviteCarer("1004", "Noah", "Williams", LocalDate.of(2017, 3, 4));
        inviteCarer("1003", "Margaret", "Hamilton", LocalDate.of(1958, 8, 17));
        List<String> links = awaitLinks("linh.nguyen@example.org", 2);
        register(token(links.get(1)), LocalDate.of(2017, 3, 4));
        register(token(links.get(0)), LocalDate.of(1958, 8, 17));
        open("/staff/patients");
        assertThat(states())
                .containsEntry("Williams, Noah", "REGISTERED")
                .containsEntry("Hamilton, Margaret", "REGISTERED");

        open("/staff/patients/1004");
        WebElement grant = browser.findElement(By.cssSelector("li.grant"));
        assertThat(grant.getText()).contains("Active", "Linh Nguyen (parent)");
        scrollTo(grant);
        shot("staff-08-grant-active");
        submit(browser, grant.findElement(By.cssSelector("button")));
        assertThat(text(".notice.ok")).startsWith("Access revoked");
        grant = browser.findElement(By.cssSelector("li.grant"));
        assertThat(grant.getText())
                .contains("Ended", "Revoked by Dr Amelia Chen (practice admin) on ")
                .doesNotContain("staff:");
        assertThat(grant.findElements(By.cssSelector("button"))).isEmpty();
        assertThat(text("#portal-access")).contains("Invitation created by Dr Amelia Chen (practice admin)");
        scrollTo(grant);
        shot("staff-09-grant-revoked-who-and-when");

        open("/staff/patients");
        assertThat(states())
                .containsEntry("Williams, Noah", "REVOKED")
                .containsEntry("Hamilton, Margaret", "REGISTERED");
        assertThat(rowText("Williams, Noah")).contains("Access revoked");
        shot("staff-10-patients-after-revoke");
    }

    @Test
    @Order(5)
    void carerWhenInvitedAgainFromTheDemographicWindowThenDeliveredAndAcceptedIntoTheSameAccount() {
        open("/staff/patients/1004");
        browser.findElement(By.cssSelector("#carer-invite summary")).click();
        type("carerGivenName", "Linh");
        type("carerFamilyName", "Nguyen");
        new Select(browser.findElement(By.id("carerRelationship"))).selectByVisibleText("Parent");
        type("carerEmail", "linh.nguyen@");
        press("Invite carer or parent");
        assertThat(browser.findElement(By.id("carer-invite")).getAttribute("open"))
                .isNotNull();
        assertThat(text("#carerEmail-error")).startsWith("Email");
        shot("staff-11-carer-invite-field-error");

        type("carerEmail", "linh.nguyen@example.org");
        press("Invite carer or parent");
        assertThat(text(".notice.ok")).contains("linh.nguyen@example.org");
        String link = awaitLinks("linh.nguyen@example.org", 3).get(0);
        open("/staff/patients?status=DELIVERED");
        assertThat(states()).containsEntry("Williams, Noah", "DELIVERED");
        shot("staff-12-carer-invited-again-delivered");

        register(token(link), LocalDate.of(2017, 3, 4));
        open("/staff/patients/1004");
        List<WebElement> grants = browser.findElements(By.cssSelector("li.grant"));
        assertThat(grants).hasSize(2);
        assertThat(grants.get(0).getText()).contains("Ended", "Revoked by Dr Amelia Chen (practice admin)");
        assertThat(grants.get(1).getText()).contains("Active", "Linh Nguyen (parent)");
        scrollTo(grants.get(0));
        shot("staff-13-carer-registered-again");
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private void invite(String number, String given, String family, LocalDate dob, String email) {
        portal.invitations()
                .invite(InviteRequest.existingPatient(practice.id().value(), "reception")
                        .patientId("PT-" + number)
                        .name(given, family)
                        .dateOfBirth(dob)
                        .email(email)
                        .build());
    }

    private void inviteCarer(String number, String given, String family, LocalDate dob) {
        portal.invitations()
                .invite(InviteRequest.existingPatient(practice.id().value(), "admin")
                        .patientId("PT-" + number)
                        .name(given, family)
                        .dateOfBirth(dob)
                        .carer("Linh", "Nguyen", "linh.nguyen@example.org", null, Relationship.PARENT)
                        .build());
    }

    private void register(String token, LocalDate dateOfBirth) {
        portal.registration().complete(new CompleteRegistration(token, PASSWORD, PASSWORD, dateOfBirth));
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private String awaitLink(String to, int count) {
        return awaitLinks(to, count).get(0);
    }

    /** Waits until enough invitation emails reached an address; returns their links, newest first. */
    private List<String> awaitLinks(String to, int count) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(200))
                .until(d -> received(to).size() >= count);
        return received(to).stream()
                .map(e -> e.links().stream()
                        .filter(l -> l.contains("token="))
                        .findFirst()
                        .orElseThrow())
                .toList();
    }

    private List<ReceivedEmail> received(String to) {
        return mail.received().stream()
                .filter(e -> e.to().contains(to))
                .sorted((a, b) -> Integer.compare(b.number(), a.number()))
                .toList();
    }

    /** The status column: each listed patient's state. */
    private static Map<String, String> states() {
        return browser.findElements(By.cssSelector("table.patients tbody tr")).stream()
                .collect(Collectors.toMap(
                        row -> row.findElement(By.cssSelector("td a")).getText(),
                        row -> row.findElement(By.cssSelector(".portal-status")).getAttribute("data-state")));
    }

    private static String rowText(String name) {
        return browser.findElement(By.xpath("//tr[td/a[normalize-space()='" + name + "']]"))
                .getText();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void open(String path) {
        browser.get(base() + path);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static void press(String buttonText) {
        submit(browser, browser.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']")));
    }

    private static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
    }

    /** Clicks a button and waits until the next page replaced this one. */
    private static void submit(WebDriver browser, WebElement button) {
        Chromium.clickAndLoad(browser, button);
    }

    /** Saves a screenshot of the page and checks it with axe-core (WCAG 2.0/2.1 A and AA). */
    private static void shot(String name) {
        Chromium.assertAccessible(browser, name);
        try {
            Path file = SHOTS.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not save a screenshot", e);
        }
    }
}
