package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo in a real headless Chromium: the three journeys the issue asks for, clicked through the
 * pages as a person would, with a screenshot of every step in {@code target/e2e-screenshots/}. The
 * emails travel through the library's SMTP sender to the in-process SMTP server and are opened from
 * the mailbox page, exactly as someone trying the demo does.
 */
@SpringBootTest(
        classes = PortalDemoApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "portal.invite.dispatcher.poll-interval=200ms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(
        value = "io.portalinvite.examples.demo.Chromium#installed",
        disabledReason =
                "Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
class PortalDemoBrowserTest {

    private static final Path SHOTS = Path.of("target", "e2e-screenshots");
    private static final String PASSWORD = "velvet harbour tram lantern 47";

    private static ChromeDriver browser;
    private static int shot;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        try (var old = Files.list(SHOTS)) {
            for (Path p : old.toList()) {
                if (p.toString().endsWith(".png")) {
                    Files.delete(p);
                }
            }
        }
        browser = Chromium.start(Path.of("target", "e2e-browser"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void newPatientBookedWithTheToggleReceivesEmailAndSmsSetsPasswordAndLogsIn() {
        open("/");
        assertThat(text("main")).contains("Staff", "Patient Portal", "Mailbox");
        shot("journey1-01-start");

        open("/staff/settings");
        StaffScreensBrowserTest.signInStaff(browser, "http://localhost:" + port, "admin");
        open("/staff/settings");
        WebElement enabled = browser.findElement(By.id("enabled"));
        assertThat(enabled.isSelected()).isFalse();
        shot("journey1-02-settings-portal-off");
        enabled.click();
        press("Save settings");
        assertThat(text(".notice.ok")).contains("The Patient Portal is now enabled");
        assertThat(browser.findElement(By.id("enabled")).isSelected()).isTrue();
        shot("journey1-03-settings-portal-enabled");

        open("/staff/appointments");
        shot("journey1-04-appointment-booking");
        clickAndLoad(browser.findElement(By.linkText("New Patient")));
        assertThat(browser.findElement(By.id("sendPortalAccess")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("carer-fields")).isDisplayed()).isFalse();
        type("givenName", "Linh");
        type("familyName", "Nguyen");
        date("dateOfBirth", "1990-05-17");
        type("mobile", "0412 345 678");
        type("email", "linh.nguyen@example.org");
        new Select(browser.findElement(By.id("appointmentTime"))).selectByVisibleText("11:30");
        new Select(browser.findElement(By.id("practitioner"))).selectByVisibleText("Dr Amelia Chen");
        type("reason", "New patient consultation");
        shot("journey1-05-new-patient-form");
        press("Save patient and book");
        assertThat(text(".notice.ok"))
                .contains("Linh Nguyen was added and booked", "Patient Portal access sent to linh.nguyen@example.org");
        shot("journey1-06-patient-saved-and-invited");

        // the SMS notice is sent after its email: once it is in, both are (and the page is not reloaded again)
        String sms = awaitSmsTo("+61412345678").getText();
        assertThat(sms).contains("emailed you an invitation").doesNotContain("http");
        WebElement email = awaitEmailTo("linh.nguyen@example.org", 1).get(0);
        assertThat(email.findElement(By.cssSelector(".email-subject")).getText())
                .isEqualTo("Your Patient Portal invitation");
        scrollTo(email);
        shot("journey1-07-mailbox-email-and-sms");

        clickAndLoad(email.findElement(By.cssSelector("a.mail-link")));
        assertThat(text("main")).contains("Set up your Patient Portal account", "Hello Linh", "l***@example.org");
        shot("journey1-08-invitation-link-opened");
        type("password", PASSWORD);
        type("passwordConfirmation", PASSWORD);
        date("dateOfBirth", "1990-05-17");
        press("Create my account");
        assertThat(text("h1")).isEqualTo("Your account is ready");
        shot("journey1-09-account-ready");

        clickAndLoad(browser.findElement(By.id("go-to-login")));
        logIn("linh.nguyen@example.org", PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/portal/home");
        assertThat(text("#portal-user")).isEqualTo("You are signed in as l***@example.org.");
        WebElement card = onlyCard();
        assertThat(card.findElement(By.cssSelector(".pi-patient-name")).getText())
                .isEqualTo("Linh Nguyen");
        assertThat(card.findElement(By.cssSelector(".access-kind")).getText()).isEqualTo("Your own record");
        shot("journey1-10-portal-home");
        logOut();
    }

    @Test
    @Order(2)
    void existingPatientInvitedFromTheDemographicWindowRegistersAfterAResend() {
        open("/staff/patients");
        type("q", "hopper");
        press("Search");
        assertThat(text(".result-count")).isEqualTo("1 patient");
        shot("journey2-01-patients-search");
        clickAndLoad(browser.findElement(By.linkText("Hopper, Grace")));
        assertThat(text("#portal-summary")).isEqualTo("No Patient Portal access yet");
        WebElement toggle = browser.findElement(By.id("portalAccess"));
        assertThat(toggle.isSelected()).isFalse();
        shot("journey2-02-demographic-window");
        toggle.click();
        press("Save");
        assertThat(text(".notice.ok")).contains("Patient Portal access sent to grace.hopper@example.org");
        assertThat(browser.findElement(By.id("portalAccess")).isSelected()).isTrue();
        String patientPage = browser.getCurrentUrl();
        shot("journey2-03-toggle-on-invited");

        String firstLink = awaitEmailTo("grace.hopper@example.org", 1)
                .get(0)
                .findElement(By.cssSelector("a.mail-link"))
                .getAttribute("href");
        browser.get(patientPage);
        press("Resend invitation");
        assertThat(text(".notice.ok")).contains("A new link was sent to grace.hopper@example.org");
        shot("journey2-04-resent");
        List<WebElement> emails = awaitEmailTo("grace.hopper@example.org", 2);
        String newLink =
                emails.get(0).findElement(By.cssSelector("a.mail-link")).getAttribute("href");
        assertThat(newLink).isNotEqualTo(firstLink);

        browser.get(firstLink);
        assertThat(text("h1")).isEqualTo("This link cannot be used");
        shot("journey2-05-old-link-no-longer-works");

        browser.get(newLink);
        assertThat(text("main")).contains("Hello Grace");
        type("password", PASSWORD);
        type("passwordConfirmation", "something else entirely 123");
        date("dateOfBirth", "1985-12-09");
        press("Create my account");
        assertThat(text("#passwordConfirmation-error")).isEqualTo("The two passwords do not match.");
        shot("journey2-06-validation-next-to-field");
        type("password", PASSWORD);
        type("passwordConfirmation", PASSWORD);
        date("dateOfBirth", "1985-12-09");
        press("Create my account");
        assertThat(text("h1")).isEqualTo("Your account is ready");

        clickAndLoad(browser.findElement(By.id("go-to-login")));
        logIn("grace.hopper@example.org", PASSWORD);
        assertThat(onlyCard().findElement(By.cssSelector(".pi-patient-name")).getText())
                .isEqualTo("Grace Hopper");
        shot("journey2-07-portal-home");
        logOut();

        browser.get(patientPage);
        WebElement latest =
                browser.findElements(By.cssSelector("article.invitation")).get(0);
        assertThat(latest.findElement(By.cssSelector(".invitation-status")).getText())
                .isEqualTo("Accepted");
        assertThat(latest.findElement(By.cssSelector(".timeline")).getText())
                .contains(
                        "Invitation created",
                        "Email delivered to the mail server",
                        "Resent with a new link",
                        "Link opened",
                        "Accepted: password set");
        assertThat(text("#portal-summary")).isEqualTo("Has Patient Portal access");
        scrollTo(browser.findElement(By.id("portal-access")));
        shot("journey2-08-history-accepted");
    }

    @Test
    @Order(3)
    void newPatientWithACarerTheCarerRegistersAndSeesThePatientAsAProxy() {
        open("/staff/appointments/new-patient");
        type("givenName", "Mia");
        type("familyName", "Lovelace");
        date("dateOfBirth", "2018-03-02");
        new Select(browser.findElement(By.id("practitioner"))).selectByVisibleText("Dr Raj Patel");
        WebElement someoneElse = browser.findElement(By.id("portalForSomeoneElse"));
        someoneElse.click();
        assertThat(browser.findElement(By.id("carer-fields")).isDisplayed()).isTrue();
        type("carerGivenName", "Ada");
        type("carerFamilyName", "Lovelace");
        new Select(browser.findElement(By.id("carerRelationship"))).selectByVisibleText("Parent");
        type("carerEmail", "ada.lovelace@example.org");
        type("carerMobile", "0412 555 000");
        scrollTo(browser.findElement(By.id("carer-fields")));
        shot("journey3-01-new-patient-with-carer");
        press("Save patient and book");
        assertThat(text(".notice.ok"))
                .contains(
                        "Mia Lovelace was added and booked", "Patient Portal access sent to ada.lovelace@example.org");
        shot("journey3-02-carer-invited");

        assertThat(awaitSmsTo("+61412555000").getText()).doesNotContain("http");
        WebElement email = awaitEmailTo("ada.lovelace@example.org", 1).get(0);
        scrollTo(email);
        shot("journey3-03-mailbox-carer-email");
        clickAndLoad(email.findElement(By.cssSelector("a.mail-link")));
        assertThat(text("main")).contains("Hello Ada", "to help look after Mia");
        assertThat(browser.findElement(By.cssSelector("label[for=dateOfBirth]")).getText())
                .contains("Mia's date of birth");
        shot("journey3-04-carer-invitation");
        type("password", PASSWORD);
        type("passwordConfirmation", PASSWORD);
        date("dateOfBirth", "2018-03-02");
        press("Create my account");
        assertThat(text("h1")).isEqualTo("Your account is ready");

        clickAndLoad(browser.findElement(By.id("go-to-login")));
        logIn("ada.lovelace@example.org", PASSWORD);
        WebElement card = onlyCard();
        assertThat(card.findElement(By.cssSelector(".pi-patient-name")).getText())
                .isEqualTo("Mia Lovelace");
        assertThat(card.findElement(By.cssSelector(".access-kind")).getText()).isEqualTo("Acting for Mia (proxy)");
        assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualTo("You are their parent");
        shot("journey3-05-carer-portal-home-proxy");
        logOut();
    }

    @Test
    @Order(4)
    void newPatientFormWithBadInputShowsEachMessageNextToItsFieldAndSavesNothing() {
        open("/staff/appointments/new-patient");
        type("givenName", "Bad");
        date("dateOfBirth", "1980-01-01");
        type("email", "not-an-email");
        type("mobile", "12");
        press("Save patient and book");
        assertThat(text("#error-summary")).contains("problems");
        assertThat(text("#familyName-error")).isEqualTo("Family name is required");
        assertThat(text("#email-error")).isEqualTo("Email is not a valid email address");
        assertThat(text("#mobile-error")).startsWith("Mobile ");
        assertThat(text("#practitioner-error")).isEqualTo("Practitioner is required");
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-describedby"))
                .isEqualTo("email-error");
        assertThat(browser.findElement(By.id("givenName")).getAttribute("value"))
                .isEqualTo("Bad");
        shot("validation-01-messages-next-to-fields");

        open("/staff/patients?q=not-an-email");
        assertThat(text(".result-count")).isEqualTo("0 patients");
    }

    @Test
    @Order(5)
    void pagesFitAPhoneSizedWindow() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of(
                    "/",
                    "/staff/appointments",
                    "/staff/patients",
                    "/staff/patients/1001",
                    "/staff/appointments/new-patient",
                    "/staff/settings",
                    "/dev/mailbox",
                    "/portal/login")) {
                open(page);
                Number overflow = (Number) ((JavascriptExecutor) browser)
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(overflow.intValue())
                        .as("horizontal overflow of %s", page)
                        .isLessThanOrEqualTo(0);
                shot("phone" + page.replace('/', '-'));
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Sets a date input: typing into Chromium's date widget depends on the locale's field order. */
    private static void date(String id, String isoDate) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
                        browser.findElement(By.id(id)),
                        isoDate);
    }

    private static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
    }

    /** Presses a form's button and waits until the next page replaced this one. */
    private static void press(String buttonText) {
        clickAndLoad(browser.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']")));
    }

    /** Clicks a link or button and waits until the next page replaced this one. */
    private static void clickAndLoad(WebElement element) {
        Chromium.clickAndLoad(browser, element);
    }

    private void logIn(String email, String password) {
        assertThat(browser.getCurrentUrl()).contains("/portal/login");
        if (email != null) {
            type("email", email);
        }
        type("password", password);
        press("Sign in");
    }

    private static void logOut() {
        press("Sign out");
        assertThat(text(".pi-notice.pi-ok")).isEqualTo("You have signed out.");
    }

    private static WebElement onlyCard() {
        List<WebElement> cards = browser.findElements(By.cssSelector("#patients .pi-patient"));
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }

    /** Opens the mailbox and reloads it until enough emails to an address arrived; returns them newest first. */
    private List<WebElement> awaitEmailTo(String address, int count) {
        open("/dev/mailbox");
        By selector = By.cssSelector("article.email[data-to='" + address + "']");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(300))
                .until(d -> {
                    if (d.findElements(selector).size() >= count) {
                        return true;
                    }
                    d.navigate().refresh();
                    return false;
                });
        return browser.findElements(selector);
    }

    /** Opens the mailbox and reloads it until an SMS notice to a number arrived. */
    private WebElement awaitSmsTo(String number) {
        open("/dev/mailbox");
        By selector = By.cssSelector("article.sms[data-to='" + number + "'] .sms-body");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(300))
                .until(d -> {
                    if (!d.findElements(selector).isEmpty()) {
                        return true;
                    }
                    d.navigate().refresh();
                    return false;
                });
        return browser.findElement(selector);
    }

    /** Saves a screenshot of the page and checks it with axe-core (WCAG 2.0/2.1 A and AA). */
    private static void shot(String name) {
        Chromium.assertAccessible(browser, name);
        try {
            Path file = SHOTS.resolve(String.format("%02d-%s.png", ++shot, name));
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not save a screenshot", e);
        }
    }
}
