package io.portalinvite.spring.boot.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.RegistrationService;
import io.portalinvite.party.Relationship;
import io.portalinvite.spring.boot.host.StaffHost;
import io.portalinvite.testing.CapturingEmailSender;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter's patient pages in a real headless Chromium, on a host with its own staff sign-in
 * ({@link StaffHost}): every journey the pages must survive without a call to the practice, each
 * page and state checked by axe-core for WCAG 2.0/2.1 A and AA, with screenshots in
 * {@code target/browser-screenshots/}.
 */
@SpringBootTest(
        classes = StaffHost.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.invite.web.practice-id=sunrise",
            "portal.invite.web.theme.contact-phone=02 9999 0000",
            "portal.invite.web.theme.contact-address=1 Sunrise Street, Sydney NSW 2000",
            // a small, quickly refilled per-email budget: the test reaches the pause, and later
            // leaves it, in seconds; the address's budget stays out of the way
            "portal.invite.login.per-email-attempts=3",
            "portal.invite.login.per-email-period=1m",
            "portal.invite.login.per-address-attempts=30",
            "portal.invite.login.per-address-period=30s"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(
        value = "io.portalinvite.spring.boot.browser.Browser#installed",
        disabledReason = "Debian's chromium and chromium-driver are not installed")
class PatientPagesBrowserTest {

    private static final PracticeId PRACTICE = PracticeId.of("sunrise");
    private static final String PASSWORD = "velvet harbour tram lantern 47";
    private static final LocalDate DOB = LocalDate.of(1990, 5, 17);

    private static ChromeDriver browser;
    private static int shot;

    @Autowired
    PortalInvite portal;

    @Autowired
    CapturingEmailSender email;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        StaffHost.register(registry);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void newPatientOpensTheLinkTwiceIsRefusedA14CharacterPasswordRegistersRefreshesAndSignsIn() throws IOException {
        String link = invite("PT-B1", "ada.b1@example.org", null);
        open(link);
        open(link);
        assertThat(h1()).isEqualTo("Set up your Patient Portal account");
        assertThat(text())
                .contains("Hello Ada,", "a***@example.org")
                .containsPattern("This link works until .+ \\(Australian Eastern (Standard|Daylight) Time\\)")
                .contains("Questions? Call the practice on 02 9999 0000", "1 Sunrise Street");
        check("invitation");

        fill("password", "river lamp oak");
        fill("passwordConfirmation", "river lamp oak");
        fill("dateOfBirth", DOB);
        submit();
        assertThat(browser.findElements(By.cssSelector(".pi-error")))
                .as("one clear message")
                .hasSize(1)
                .first()
                .extracting(WebElement::getText)
                .isEqualTo("Use at least 15 characters. A few unrelated words make a strong password.");
        check("invitation-password-too-short");

        fill("password", PASSWORD);
        fill("passwordConfirmation", PASSWORD);
        submit();
        assertThat(h1()).isEqualTo("Your account is ready");
        assertThat(browser.getCurrentUrl()).endsWith("/portal/invitation/done");
        browser.navigate().refresh();
        assertThat(h1()).as("refresh is harmless").isEqualTo("Your account is ready");
        assertThat(text()).contains("Sign in with a***@example.org");
        check("registered");

        clickAndWait(By.linkText("Sign in"));
        signIn("ada.b1@example.org", PASSWORD);
        assertThat(text()).contains("You are signed in as a***@example.org", "You have access to 1 patient");
        check("home");
        clickAndWait(By.cssSelector("form button"));
        assertThat(text()).contains("You have signed out.");
        check("signed-out");
    }

    @Test
    @Order(2)
    void sessionExpiresMidFormThenTheSameStepAsksForThePasswordAgainWithNothingElseLost() throws IOException {
        String link = invite("PT-B2", "bo.b2@example.org", null);
        open(link);
        fill("password", PASSWORD);
        fill("passwordConfirmation", PASSWORD);
        fill("dateOfBirth", DOB);
        browser.manage().deleteAllCookies();
        submit();
        assertThat(browser.getCurrentUrl()).doesNotContain("jsessionid");
        assertThat(text()).contains("Your page timed out. Please enter your password again.");
        assertThat(browser.findElement(By.id("dateOfBirth")).getAttribute("value"))
                .as("the date of birth is kept")
                .isEqualTo(DOB.toString());
        check("invitation-timed-out");
        fill("password", PASSWORD);
        fill("passwordConfirmation", PASSWORD);
        submit();
        assertThat(h1()).isEqualTo("Your account is ready");
    }

    @Test
    @Order(3)
    void twoTabsSubmitTheSameLinkThenTheLoserIsToldToSignIn() throws IOException {
        String link = invite("PT-B3", "cy.b3@example.org", null);
        String first = browser.getWindowHandle();
        open(link);
        browser.switchTo().newWindow(WindowType.TAB);
        String second = browser.getWindowHandle();
        open(link);
        browser.switchTo().window(first);
        fill("password", PASSWORD);
        fill("passwordConfirmation", PASSWORD);
        fill("dateOfBirth", DOB);
        submit();
        assertThat(h1()).isEqualTo("Your account is ready");

        browser.switchTo().window(second);
        fill("password", PASSWORD);
        fill("passwordConfirmation", PASSWORD);
        fill("dateOfBirth", DOB);
        submit();
        assertThat(h1()).isEqualTo("You already have an account");
        assertThat(text()).contains("Sign in to continue");
        check("already-registered");
        browser.close();
        browser.switchTo().window(first);

        open(link);
        assertThat(h1()).as("the used link opened again").isEqualTo("This link cannot be used");
        check("link-not-valid");
    }

    @Test
    @Order(4)
    void parentOfTwoIsAskedForTheExistingPasswordUpFrontAndAfterOneIsRevokedSeesTheOtherOnly() throws IOException {
        String lily = invite("PT-LILY", "mum@example.org", "Lily");
        open(lily);
        assertThat(text()).contains("to help look after Lily");
        fill("password", PASSWORD);
        fill("passwordConfirmation", PASSWORD);
        fill("dateOfBirth", DOB);
        submit();
        assertThat(h1()).isEqualTo("Your account is ready");

        String max = invite("PT-MAX", "mum@example.org", "Max");
        open(max);
        assertThat(h1()).isEqualTo("Sign in to add access for Max");
        assertThat(browser.findElements(By.id("passwordConfirmation")))
                .as("no new password")
                .isEmpty();
        assertThat(browser.findElement(By.cssSelector("label[for=password]")).getText())
                .isEqualTo("Your Patient Portal password");
        check("invitation-existing-account");
        fill("password", PASSWORD);
        fill("dateOfBirth", DOB);
        submit();
        assertThat(h1()).as(text()).isEqualTo("Your account is ready");

        open(base() + "/portal/login");
        signIn("mum@example.org", PASSWORD);
        assertThat(text()).contains("You have access to the records of 2 patients.");
        assertThat(browser.findElements(By.cssSelector("#patients .pi-patient-name")))
                .extracting(WebElement::getText)
                .as("each patient by name")
                .containsExactly("Lily Lovelace", "Max Lovelace");
        check("home-two-patients");
        clickAndWait(By.cssSelector("form button"));

        PatientAccess lilys =
                portal.access().forPatient(PRACTICE, PatientId.of("PT-LILY")).get(0);
        portal.access().revoke(PRACTICE, lilys.id(), StaffId.of("reception"));
        signIn("mum@example.org", PASSWORD);
        assertThat(text()).contains("You have access to 1 patient");
        assertThat(browser.findElements(By.cssSelector("#patients .pi-patient-name")))
                .extracting(WebElement::getText)
                .containsExactly("Max Lovelace");
        clickAndWait(By.cssSelector("form button"));
    }

    @Test
    @Order(5)
    void keyboardOnlyReachesEveryFieldOfTheInvitationAndSignsIn() throws IOException {
        String link = invite("PT-B5", "di.b5@example.org", null);
        open(link);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement active = browser.switchTo().activeElement();
            String id = active.getDomAttribute("id");
            String name = active.getTagName() + "#" + (id == null ? "" : id);
            order.add(name);
            if (active.getTagName().equals("button")) {
                break;
            }
        }
        assertThat(order.get(0)).as("the skip link comes first").startsWith("a#");
        assertThat(order)
                .containsSubsequence("input#password", "input#passwordConfirmation", "input#dateOfBirth", "button#");

        open(base() + "/portal/login");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        while (!"email".equals(browser.switchTo().activeElement().getAttribute("id"))) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        browser.switchTo().activeElement().sendKeys("ada.b1@example.org", Keys.TAB);
        leavingPage();
        browser.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
        waitForNextPage();
        assertThat(text()).contains("You are signed in as a***@example.org");
        leavingPage();
        browser.findElement(By.cssSelector("form button")).sendKeys(Keys.ENTER);
        waitForNextPage();
        assertThat(text()).contains("You have signed out.");
    }

    @Test
    @Order(6)
    void everyPageInArabicAndSpanishIsTranslatedAndArabicRunsRightToLeft() throws IOException {
        String link = invite("PT-B6", "eve.b6@example.org", null);
        for (String lang : List.of("ar", "es")) {
            open(link + "&lang=" + lang);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo(lang);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("dir"))
                    .isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
            assertThat(h1())
                    .isEqualTo(
                            lang.equals("ar")
                                    ? "أنشئ حسابك في بوابة المرضى"
                                    : "Cree su cuenta del Portal del Paciente");
            check("invitation-" + lang);
            fill("password", "short");
            fill("passwordConfirmation", "short");
            submit();
            check("invitation-errors-" + lang);
            // the chosen language stays for the visit
            open(base() + "/portal/login");
            assertThat(h1())
                    .isEqualTo(
                            lang.equals("ar")
                                    ? "تسجيل الدخول إلى بوابة المرضى"
                                    : "Iniciar sesión en el Portal del Paciente");
            check("sign-in-" + lang);
            open(base() + "/portal/forgot-password");
            check("forgot-password-" + lang);
            open(base() + "/portal/password-reset?token=" + "A".repeat(43));
            check("reset-password-" + lang);
            open(base() + "/portal/invitation?token=" + "A".repeat(43));
            check("link-not-valid-" + lang);
        }
        open(base() + "/portal/login?lang=en-AU");
        assertThat(h1()).isEqualTo("Sign in to the Patient Portal");
    }

    @Test
    @Order(7)
    void throttledSignInSaysItIsPausedOffersForgotPasswordAndTheResetEmailLeadsToANewPassword() throws IOException {
        // a patient of its own, so that no earlier sign-in has taken from the email's budget
        String address = "pat.b7@example.org";
        invite("PT-B7", address, null);
        portal.registration()
                .complete(new RegistrationService.CompleteRegistration(email.lastToken(), PASSWORD, PASSWORD, DOB));
        // a browser without the account's device cookie, as an attacker's or a new phone would be
        browser.manage().deleteAllCookies();
        open(base() + "/portal/login");
        int knownAttempts = attemptsUntilPaused(address);
        String paused = text();
        assertThat(knownAttempts)
                .as("paused once the email's three attempts are spent")
                .isEqualTo(4);
        assertThat(paused).contains("Sign-in is paused for 1 minute");
        check("sign-in-paused");
        assertThat(browser.findElement(By.id("forgot-password")).isDisplayed()).isTrue();

        int unknownAttempts = attemptsUntilPaused("nobody-b7@example.org");
        assertThat(unknownAttempts)
                .as("an unknown email is paused at the same attempt")
                .isEqualTo(knownAttempts);
        assertThat(text()).as("with the same words").isEqualTo(paused);

        clickAndWait(By.id("forgot-password"));
        check("forgot-password");
        fill("email", address);
        submit();
        assertThat(h1()).isEqualTo("Check your email");
        check("forgot-password-sent");
        portal.dispatcher().drain();
        String token = email.lastToken();
        open(base() + "/portal/password-reset?token=" + token);
        check("reset-password");
        String newPassword = "copper meadow violin seven";
        fill("password", newPassword);
        fill("passwordConfirmation", newPassword);
        submit();
        assertThat(text()).contains("Your password has been changed.");

        // once the email's budget has an attempt again, the new password signs in
        new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofSeconds(4)).until(d -> {
            signIn(address, newPassword);
            return text().contains("You are signed in as p***@example.org");
        });
        check("home-after-reset");
    }

    private String invite(String patientId, String address, String childName) {
        if (!portal.settings().get(PRACTICE).enabled()) {
            portal.settings().enable(PRACTICE, StaffId.of("admin"));
        }
        InviteRequest.Builder request = InviteRequest.newPatient("sunrise", "reception")
                .patientId(patientId)
                .dateOfBirth(DOB);
        if (childName == null) {
            request.name(patientId.equals("PT-B1") ? "Ada" : "Pat", "Lovelace").email(address);
        } else {
            request.name(childName, "Lovelace").carer("Mary", "Lovelace", address, null, Relationship.PARENT);
        }
        portal.invitations().invite(request.build());
        portal.dispatcher().drain();
        return base() + "/portal/invitation?token=" + email.lastToken();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void open(String url) {
        browser.get(url);
    }

    private String h1() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void fill(String id, Object value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        if (value instanceof LocalDate date) {
            // the date picker's typing order follows the browser's own locale; its value is ISO
            browser.executeScript(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
                    field,
                    date.toString());
        } else {
            field.sendKeys(value.toString());
        }
    }

    private void submit() {
        leavingPage();
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitForNextPage();
    }

    private void clickAndWait(By target) {
        leavingPage();
        browser.findElement(target).click();
        waitForNextPage();
    }

    /** Marks the page being left, so that {@link #waitForNextPage()} can tell when the next one is in. */
    private void leavingPage() {
        browser.executeScript("window.piLeaving = true;");
    }

    /** Waits until the browser has left the marked page and loaded the next one. */
    private void waitForNextPage() {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return window.piLeaving !== true && document.readyState === 'complete';")));
    }

    /** Signs in with wrong passwords until sign-in is paused, returning the attempt that was paused. */
    private int attemptsUntilPaused(String address) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            signIn(address, "not the password " + attempt);
            if (text().contains("Sign-in is paused")) {
                return attempt;
            }
        }
        throw new AssertionError("sign-in with " + address + " never paused");
    }

    private void signIn(String address, String password) {
        if (browser.findElements(By.id("email")).isEmpty()) {
            open(base() + "/portal/login");
        }
        fill("email", address);
        fill("password", password);
        submit();
    }

    private void check(String state) throws IOException {
        Browser.screenshot(browser, ++shot, state);
        Browser.assertAccessible(browser, state);
    }
}
