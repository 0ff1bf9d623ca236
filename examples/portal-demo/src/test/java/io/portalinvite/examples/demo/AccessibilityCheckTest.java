package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The accessibility check the browser tests run on every page finds what it is there to find: a page
 * with an image without a text alternative and an unlabelled field fails it, naming axe-core's rules,
 * and the same page with both fixed passes.
 */
@EnabledIf(
        value = "io.portalinvite.examples.demo.Chromium#installed",
        disabledReason =
                "Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
class AccessibilityCheckTest {

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(Path.of("target", "e2e-browser-axe"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void assertAccessibleWhenImageWithoutAltAndUnlabelledFieldThenFailsNamingBothRules() {
        show("<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><input type=\"text\" name=\"q\">");

        assertThatThrownBy(() -> Chromium.assertAccessible(browser, "a page with two faults"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt")
                .hasMessageContaining("label");
    }

    @Test
    void assertAccessibleWhenImageHasAltAndFieldHasLabelThenPasses() {
        show("<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"Clinic logo\">"
                + "<label for=\"q\">Search</label><input type=\"text\" id=\"q\" name=\"q\">");

        assertThatCode(() -> Chromium.assertAccessible(browser, "the same page fixed"))
                .doesNotThrowAnyException();
    }

    private static void show(String mainContent) {
        String page = "<!DOCTYPE html><html lang=\"en\"><head><title>Check</title></head><body><main><h1>Check</h1>"
                + mainContent + "</main></body></html>";
        browser.get("data:text/html;charset=utf-8,"
                + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
