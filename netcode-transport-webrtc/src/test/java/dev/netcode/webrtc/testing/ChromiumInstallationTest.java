package dev.netcode.webrtc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The availability rule itself, without a browser: fail on CI, skip elsewhere, name the packages. */
class ChromiumInstallationTest {

    @TempDir
    Path dir;

    @Test
    void missingBrowserFailsOnCiNamingTheDebianPackages() {
        ChromiumInstallation missing = ChromiumInstallation.of(dir.resolve("chromium"), dir.resolve("chromedriver"));
        assertThat(missing.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'chromium'", "'chromium-driver'", "apt-get install chromium chromium-driver"));
        assertThatThrownBy(() -> missing.requireAvailable(true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true")
                .hasMessageContaining("chromium-driver");
    }

    @Test
    void missingBrowserSkipsOutsideCi() {
        ChromiumInstallation missing = ChromiumInstallation.of(dir.resolve("chromium"), dir.resolve("chromedriver"));
        assertThatThrownBy(() -> missing.requireAvailable(false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("CI is not set");
    }

    @Test
    void onlyTheMissingPartIsNamed() throws Exception {
        Path browser = Files.createFile(dir.resolve("chromium"));
        assertThat(browser.toFile().setExecutable(true)).isTrue();
        ChromiumInstallation noDriver = ChromiumInstallation.of(browser, dir.resolve("chromedriver"));
        assertThat(noDriver.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("chromedriver not found at").doesNotContain("Chromium browser not found"));
    }

    @Test
    void presentInstallationPassesEitherWay() throws Exception {
        Path browser = Files.createFile(dir.resolve("chromium"));
        Path driver = Files.createFile(dir.resolve("chromedriver"));
        assertThat(browser.toFile().setExecutable(true) && driver.toFile().setExecutable(true)).isTrue();
        ChromiumInstallation present = ChromiumInstallation.of(browser, driver);
        assertThat(present.problem()).isEmpty();
        assertThatCode(() -> present.requireAvailable(true)).doesNotThrowAnyException();
        assertThatCode(() -> present.requireAvailable(false)).doesNotThrowAnyException();
    }
}
