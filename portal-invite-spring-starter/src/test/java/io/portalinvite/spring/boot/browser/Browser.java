package io.portalinvite.spring.boot.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's ChromeDriver (named explicitly, so Selenium Manager
 * never runs and nothing is downloaded), with axe-core's WCAG 2.0/2.1 A and AA rules run on a page
 * and screenshots saved under {@code target/browser-screenshots/}.
 */
final class Browser {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "browser-screenshots");

    private static final String AXE = axeSource();

    /** Set once this run's old screenshots are gone, so a second browser test keeps the first's. */
    private static boolean cleaned;

    private Browser() {}

    /**
     * Tells whether the browser test can run; with {@code CI=true} a missing browser is a failure.
     *
     * @return true when Chromium and ChromeDriver are installed
     */
    static boolean installed() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return true;
        }
        String reason = "The browser test needs Debian's Chromium and ChromeDriver at " + BROWSER + " and " + DRIVER
                + " (apt-get install -y chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + "; CI=true, so this is a failure, not a skip");
        }
        System.err.println("SKIPPED PatientPagesBrowserTest: " + reason);
        return false;
    }

    static ChromeDriver start() throws IOException {
        Path logs = Path.of("target", "browser-logs");
        Files.createDirectories(logs);
        Files.createDirectories(SHOTS);
        synchronized (Browser.class) {
            if (!cleaned) {
                try (var old = Files.list(SHOTS)) {
                    for (Path p : old.toList()) {
                        if (p.toString().endsWith(".png")) {
                            Files.delete(p);
                        }
                    }
                }
                cleaned = true;
            }
        }
        Path profile = Files.createTempDirectory(logs, "chromium-profile-");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(logs.toFile(), "chromedriver.log"))
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
                "--window-size=1100,1000",
                "--lang=en-AU");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Runs axe-core's WCAG 2.0 and 2.1 A and AA rules on the page and fails on any violation,
     * naming each rule and the elements it found.
     */
    @SuppressWarnings("unchecked")
    static void assertAccessible(ChromeDriver driver, String state) {
        driver.executeScript(AXE);
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<String>) result)
                .as("axe WCAG 2.1 A/AA violations on " + state)
                .isEmpty();
    }

    static void screenshot(ChromeDriver driver, int number, String name) throws IOException {
        File file = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(
                file.toPath(),
                SHOTS.resolve(String.format("%02d-%s.png", number, name)),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
