package io.portalinvite.spring.boot.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The HTML emails as the library sends them — invitation, reminder and password reset, rendered by
 * the default composer from the built-in templates in each language — opened in headless Chromium
 * and checked by axe-core for WCAG 2.0/2.1 A and AA, with a screenshot of each.
 */
@EnabledIf(
        value = "io.portalinvite.spring.boot.browser.Browser#installed",
        disabledReason = "Debian's chromium and chromium-driver are not installed")
class HtmlEmailsBrowserTest {

    private static ChromeDriver browser;
    private static int shot = 50;

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

    @ParameterizedTest
    @ValueSource(strings = {"en-AU", "es", "zh-Hans", "vi", "ar"})
    void everyHtmlEmailWhenRenderedInTheLanguageThenTitledInThatLanguageAndWithoutAxeViolations(String tag)
            throws IOException {
        Locale locale = Locale.forLanguageTag(tag);
        Map<String, EmailMessage> emails = renderedEmails(locale);

        assertThat(emails).hasSize(3);
        for (Map.Entry<String, EmailMessage> e : emails.entrySet()) {
            String html = e.getValue().htmlBody();
            assertThat(html).as(e.getKey()).isNotNull();
            String state = "email-" + e.getKey() + "-" + tag;
            browser.get("data:text/html;charset=utf-8;base64,"
                    + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
            assertThat(browser.getTitle())
                    .as(state + ": the subject as the title")
                    .isEqualTo(e.getValue().subject());
            assertThat(browser.findElement(org.openqa.selenium.By.tagName("html"))
                            .getAttribute("lang"))
                    .as(state)
                    .isEqualTo(tag.equals("en-AU") ? "en" : tag);
            assertThat(browser.findElement(org.openqa.selenium.By.tagName("html"))
                            .getAttribute("dir"))
                    .as(state + ": right to left in Arabic only")
                    .isEqualTo(tag.equals("ar") ? "rtl" : "");
            Browser.screenshot(browser, ++shot, state);
            Browser.assertAccessible(browser, state);
        }
    }

    /** Sends each email through the library in the practice's language and returns what was sent. */
    private static Map<String, EmailMessage> renderedEmails(Locale locale) {
        PortalFixture f = new PortalFixture(new InMemoryPortalStorage());
        f.enablePortal(b -> b.locale(locale).dateOfBirthCheck(false).reminderBefore(Duration.ofDays(2)));
        Map<String, EmailMessage> emails = new LinkedHashMap<>();

        String token = f.inviteAndDeliver(f.newPatient("p1").mobile(null).build());
        emails.put("invitation", f.email.last());

        f.inviteAndDeliver(f.newPatient("p2").mobile(null).build());
        f.email.clear();
        f.clock.advance(Duration.ofDays(5).plusMinutes(1));
        assertThat(f.portal.maintenance().sendReminders()).isPositive();
        f.portal.dispatcher().drain();
        emails.put("reminder", f.email.last());

        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
        f.email.clear();
        f.portal.passwordReset().request(PortalFixture.PRACTICE, "ada.p1@example.org");
        f.portal.dispatcher().drain();
        emails.put("password-reset", f.email.last());
        return emails;
    }
}
