package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's ChromeDriver, for the examples' browser tests. The driver is named explicitly
 * (system property and service), so Selenium Manager never runs and nothing is downloaded; the
 * build also points {@code SE_MANAGER_PATH} at a program that does nothing, in case it ever would.
 */
public final class Chromium {

    private static final String AXE = axeSource();

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /**
     * Tells whether the browser tests can run. When Chromium or ChromeDriver is missing it says why
     * (the tests are then reported as skipped), unless {@code CI=true}: there {@code .ci/run} installs
     * them, so a missing browser fails the build instead of silently skipping.
     *
     * @return true when both are installed
     * @throws IllegalStateException when they are missing and {@code CI=true}
     */
    public static boolean installed() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return true;
        }
        String reason = "Browser tests need Debian's Chromium and ChromeDriver at " + BROWSER + " and " + DRIVER
                + " (apt-get install -y chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + "; CI=true, so this is a failure, not a skip");
        }
        System.err.println("SKIPPED PortalDemoBrowserTest: " + reason);
        return false;
    }

    /**
     * Starts a headless browser with a fresh profile.
     *
     * @param logDir where ChromeDriver's log and the profile go
     * @return the driver
     * @throws IOException when the profile folder cannot be made
     */
    public static ChromeDriver start(Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path profile = Files.createTempDirectory(logDir, "chromium-profile-");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(logDir.toFile(), "chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,1000",
                "--lang=en-AU");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Clicks a link or button and waits until the next page replaced this one and finished loading.
     *
     * @param browser the browser
     * @param element what to click
     */
    public static void clickAndLoad(WebDriver browser, WebElement element) {
        WebElement page = browser.findElement(By.tagName("html"));
        element.click();
        // the old page is gone once its root element can no longer be used; Chromium reports that as a
        // stale element or, mid-navigation, as "node does not belong to the document": both mean gone
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Runs axe-core's WCAG 2.0 and 2.1 A and AA rules on the page and fails on any violation, naming
     * each rule and the elements it found.
     *
     * @param browser the browser, showing the page to check
     * @param state what the page shows, for the failure message
     */
    @SuppressWarnings("unchecked")
    public static void assertAccessible(WebDriver browser, String state) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(AXE);
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<String>) result)
                .as("axe WCAG 2.1 A/AA violations on " + state)
                .isEmpty();
    }

    private static String axeSource() {
        try (InputStream in = Chromium.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
