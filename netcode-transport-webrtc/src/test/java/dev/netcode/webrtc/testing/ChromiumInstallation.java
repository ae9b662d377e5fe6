package dev.netcode.webrtc.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the system Chromium and its chromedriver live, and the one availability rule every
 * browser test follows.
 *
 * <p>The rule (from the project's test policy): when Chromium or chromedriver is missing, a test
 * <b>fails</b> if the environment variable {@code CI} is {@code true}, naming the Debian packages to
 * install, and is <b>skipped</b> (a JUnit assumption) otherwise, so a developer without a browser
 * can still run the build while CI can never silently lose its browser coverage.
 *
 * <pre>{@code
 * ChromiumInstallation chromium = ChromiumInstallation.detect();
 * chromium.requireAvailable();          // fail on CI, skip elsewhere
 * }</pre>
 *
 * <p>The paths default to Debian's {@code /usr/bin/chromium} (package {@code chromium}) and
 * {@code /usr/bin/chromedriver} (package {@code chromium-driver}); the system properties
 * {@value #BINARY_PROPERTY} and {@value #DRIVER_PROPERTY} override them.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Browser and driver must have the same major version; Debian ships them in lockstep, a
 *       chromedriver downloaded by hand usually does not match.</li>
 *   <li>Never let Selenium Manager "fix" a missing driver: it downloads binaries from the network.
 *       {@link ChromiumBrowser} always passes explicit paths, which makes Selenium skip it.</li>
 * </ul>
 */
public final class ChromiumInstallation {

    /** System property overriding the browser binary path. */
    public static final String BINARY_PROPERTY = "netcode.chromium.binary";
    /** System property overriding the chromedriver path. */
    public static final String DRIVER_PROPERTY = "netcode.chromedriver";
    /** Debian's browser binary. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
    /** Debian's chromedriver. */
    public static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

    private final Path binary;
    private final Path driver;

    private ChromiumInstallation(Path binary, Path driver) {
        this.binary = binary;
        this.driver = driver;
    }

    /** The installation named by the system properties, or Debian's default paths. */
    public static ChromiumInstallation detect() {
        return of(Path.of(System.getProperty(BINARY_PROPERTY, DEFAULT_BINARY.toString())),
                Path.of(System.getProperty(DRIVER_PROPERTY, DEFAULT_DRIVER.toString())));
    }

    /** An installation at explicit paths (tests of the rule itself use missing paths). */
    public static ChromiumInstallation of(Path binary, Path driver) {
        return new ChromiumInstallation(binary, driver);
    }

    public Path binary() {
        return binary;
    }

    public Path driver() {
        return driver;
    }

    /** Why this installation cannot be used, or empty when both executables are present. */
    public Optional<String> problem() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(binary)) {
            missing.add("Chromium browser not found at " + binary + " (Debian package 'chromium')");
        }
        if (!Files.isExecutable(driver)) {
            missing.add("chromedriver not found at " + driver + " (Debian package 'chromium-driver')");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", missing)
                + ". Install with: apt-get install chromium chromium-driver, or point -D" + BINARY_PROPERTY
                + " / -D" + DRIVER_PROPERTY + " at another installation.");
    }

    /** True when the environment variable {@code CI} is {@code true} (any case). */
    public static boolean runningOnCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Applies the availability rule with the real {@code CI} environment variable. */
    public void requireAvailable() {
        requireAvailable(runningOnCi());
    }

    /**
     * Applies the availability rule: returns when usable; otherwise throws an
     * {@link AssertionError} (test fails) when {@code onCi}, or a JUnit assumption failure (test
     * skipped) when not.
     */
    public void requireAvailable(boolean onCi) {
        Optional<String> problem = problem();
        if (problem.isEmpty()) {
            return;
        }
        if (onCi) {
            Assertions.fail("CI=true and the browser tests cannot run: " + problem.get());
        }
        Assumptions.abort("Skipping browser test (CI is not set): " + problem.get());
    }

    @Override
    public String toString() {
        return "Chromium[" + binary + ", driver " + driver + "]";
    }
}
