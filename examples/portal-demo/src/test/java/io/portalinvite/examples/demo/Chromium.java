package io.portalinvite.examples.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's ChromeDriver, for the examples' browser tests. The driver is named explicitly
 * (system property and service), so Selenium Manager never runs and nothing is downloaded; the
 * build also points {@code SE_MANAGER_PATH} at a program that does nothing, in case it ever would.
 */
public final class Chromium {

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
        return driver;
    }
}
