package dev.userinfo.bootstrap.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh profile directory, for the
 * browser tests. Chromium is a prerequisite: {@link #start} skips the calling test class when it is
 * missing and {@code CI} is not set, and fails it in CI, so the browser flows are never silently
 * untested there.
 *
 * <p>The binaries default to {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; the system
 * properties {@code chromium.binary} and {@code chromedriver.binary} name others. The driver is
 * named explicitly, so Selenium Manager never tries to download one.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    /** How long a page load or an asynchronous script may take. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Path profile;
    private final ChromeDriverService service;
    private final WebDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, WebDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts a browser whose window is {@code width} × {@code height} CSS pixels, with page-load and
     * script timeouts of {@link #WAIT}.
     *
     * @throws IllegalStateException when Chromium or chromedriver is missing and {@code CI} is set
     * @throws org.opentest4j.TestAbortedException when either is missing and {@code CI} is not set
     */
    static HeadlessChromium start(int width, int height) throws IOException {
        requireBrowser();
        Path profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new HeadlessChromium(profile, service, driver);
    }

    /** Chromium is a prerequisite: skip locally without it, fail in CI so it is never silently untested. */
    static void requireBrowser() {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (present) {
            return;
        }
        String message = "the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver)";
        if (LocalServerTest.isCi()) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message + "; skipped because CI is not set");
    }

    /** The browser, for the test to drive. */
    WebDriver driver() {
        return driver;
    }

    /** Quits the browser, stops chromedriver and deletes the profile directory. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
