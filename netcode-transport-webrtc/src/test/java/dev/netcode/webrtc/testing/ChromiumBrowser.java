package dev.netcode.webrtc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian Chromium, started through Selenium with the Debian chromedriver, showing the
 * harness page. Start one per test class (it takes about a second) and drive it through
 * {@link #page()}.
 *
 * <pre>{@code
 * try (ChromiumBrowser browser = ChromiumBrowser.launch(ChromiumBrowser.Options.defaults())) {
 *     ChromiumPage page = browser.page();
 *     BrowserPeer peer = page.createPeer(RtcConfiguration.defaults());
 *     ...
 * }
 * }</pre>
 * In JUnit, prefer {@link ChromiumTest @ChromiumTest}, which applies the availability rule and
 * hands a page to each test.
 *
 * <p>Command line: {@link #BASE_ARGUMENTS} plus a fresh {@code --user-data-dir} (a temp directory
 * deleted by {@link #close()}); with {@link Options#fakeMedia()} also
 * {@code --use-fake-ui-for-media-stream --use-fake-device-for-media-stream}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>No downloads: the driver and browser paths are passed explicitly, which makes Selenium
 *       skip Selenium Manager entirely (it would otherwise fetch a browser and driver from the
 *       network). {@code ChromiumLaunchTest} checks this through Selenium's own log.</li>
 *   <li>By default Chromium hides host addresses behind {@code <uuid>.local} mDNS names. Only
 *       after a media permission ({@link Options#withFakeMedia()} plus
 *       {@link ChromiumPage#requestAudioPermission()}) does it list raw addresses, loopback
 *       included; two peers in one page need that to reach each other.</li>
 *   <li>{@code --no-sandbox} is needed when running as root or in containers; never browse the
 *       open web with it.</li>
 * </ul>
 */
public final class ChromiumBrowser implements AutoCloseable {

    /**
     * The flags every harness browser runs with. The last one is ours, not the brief's: even with
     * background networking, component updates and sync disabled, Chromium 156 still looks up
     * {@code accounts.google.com} and {@code clients2.google.com} at startup (seen with strace).
     * The resolver rule answers "not found" for every name except 127.0.0.1 (the rule applies to
     * IP literals too), localhost and {@code *.local} (so Chromium can still resolve another
     * browser's mDNS candidates on the local link). The harness page is addressed by IP literal,
     * so nothing the tests need goes through DNS.
     */
    public static final List<String> BASE_ARGUMENTS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--allow-loopback-in-peer-connection", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost , EXCLUDE *.local");

    /** Extra flags for {@link Options#fakeMedia()}: grant media permission, fake devices. */
    public static final List<String> FAKE_MEDIA_ARGUMENTS = List.of(
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");

    /** How to start the browser. */
    public record Options(boolean fakeMedia, List<String> extraArguments) {
        public Options {
            extraArguments = List.copyOf(extraArguments);
        }

        /** Chromium's default behaviour (mDNS host candidates, no media permission). */
        public static Options defaults() {
            return new Options(false, List.of());
        }

        /** Adds the fake media flags so {@code getUserMedia} succeeds without a prompt or device. */
        public Options withFakeMedia() {
            return new Options(true, extraArguments);
        }

        public Options withExtraArguments(String... arguments) {
            List<String> all = new ArrayList<>(extraArguments);
            all.addAll(List.of(arguments));
            return new Options(fakeMedia, all);
        }
    }

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final ChromiumInstallation installation;
    private final List<String> arguments;
    private final Path workDir;
    private final HarnessPageServer pageServer;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final ChromiumPage page;

    private ChromiumBrowser(ChromiumInstallation installation, Options options) {
        this.installation = installation;
        Path dir = null;
        HarnessPageServer server = null;
        ChromeDriverService svc = null;
        ChromeDriver drv = null;
        try {
            dir = Files.createTempDirectory("netcode-chromium-");
            Path profile = Files.createDirectory(dir.resolve("profile"));
            List<String> args = new ArrayList<>(BASE_ARGUMENTS);
            if (options.fakeMedia()) {
                args.addAll(FAKE_MEDIA_ARGUMENTS);
            }
            args.addAll(options.extraArguments());
            args.add("--user-data-dir=" + profile);
            this.arguments = List.copyOf(args);

            server = new HarnessPageServer();
            svc = new ChromeDriverService.Builder()
                    .usingDriverExecutable(installation.driver().toFile())
                    .usingAnyFreePort()
                    .withLogFile(dir.resolve("chromedriver.log").toFile())
                    .withTimeout(STARTUP_TIMEOUT)
                    .build();
            ChromeOptions chromeOptions = new ChromeOptions();
            chromeOptions.setBinary(installation.binary().toFile());
            chromeOptions.addArguments(arguments);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            chromeOptions.setCapability("goog:loggingPrefs", logs);
            drv = new ChromeDriver(svc, chromeOptions);
            this.workDir = dir;
            this.pageServer = server;
            this.service = svc;
            this.driver = drv;
            this.page = new ChromiumPage(driver, pageServer.pageUri());
            page.reload();
        } catch (IOException e) {
            cleanUp(drv, svc, server, dir);
            throw new UncheckedIOException("cannot prepare a Chromium profile directory", e);
        } catch (RuntimeException | Error e) {
            cleanUp(drv, svc, server, dir);
            throw e;
        }
    }

    /**
     * Starts Debian's Chromium (paths from {@link ChromiumInstallation#detect()}). Does not apply
     * the availability rule: call {@link ChromiumInstallation#requireAvailable()} first, or use
     * {@link #launchOrSkip(Options)}.
     */
    public static ChromiumBrowser launch(Options options) {
        return launch(ChromiumInstallation.detect(), options);
    }

    public static ChromiumBrowser launch(ChromiumInstallation installation, Options options) {
        installation.problem().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        return new ChromiumBrowser(installation, options);
    }

    /** Applies the availability rule (fail on CI, skip elsewhere), then launches. */
    public static ChromiumBrowser launchOrSkip(Options options) {
        ChromiumInstallation installation = ChromiumInstallation.detect();
        installation.requireAvailable();
        return launch(installation, options);
    }

    /** The harness page. */
    public ChromiumPage page() {
        return page;
    }

    /** The full Chromium command-line flags used (without the binary). */
    public List<String> arguments() {
        return arguments;
    }

    public ChromiumInstallation installation() {
        return installation;
    }

    /** The browser version reported by chromedriver, e.g. {@code 156.0.8078.108}. */
    public String browserVersion() {
        return driver.getCapabilities().getBrowserVersion();
    }

    /** Chromium's own log entries (console and network errors) since the last call; best effort. */
    public List<String> browserLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
        } catch (RuntimeException e) {
            return List.of("(browser log unavailable: " + e.getMessage() + ")");
        }
    }

    /** The capabilities chromedriver reports, for diagnostics. */
    public Map<String, Object> capabilities() {
        return driver.getCapabilities().asMap();
    }

    private boolean closed;

    /** Quits the browser and driver, stops the page server and deletes the profile. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cleanUp(driver, service, pageServer, workDir);
    }

    private static void cleanUp(ChromeDriver driver, ChromeDriverService service, HarnessPageServer server, Path dir) {
        if (driver != null) {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // The browser may already be gone; the profile is deleted below either way.
            }
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        // Chromium may still be flushing the profile for a moment after quit(): retry briefly.
        for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        // A file appeared or is busy: the next attempt retries.
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // Concurrent modification while walking: retry.
            }
            if (Files.exists(dir)) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The temp directory holding the profile and chromedriver log; gone after {@link #close()}. */
    public Path workDirectory() {
        return workDir;
    }
}
