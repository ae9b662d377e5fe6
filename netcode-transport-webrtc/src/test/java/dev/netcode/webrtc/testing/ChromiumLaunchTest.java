package dev.netcode.webrtc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting and stopping the browser: flags, no Selenium Manager, profile cleanup, page facts. */
@Timeout(60)
class ChromiumLaunchTest {

    @Test
    void launchesDebianChromiumWithoutSeleniumManagerAndCleansUp() {
        List<String> seleniumLog = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seleniumLog.add(record.getLoggerName() + ": " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger finder = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
        Logger manager = Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");
        Level finderLevel = finder.getLevel();
        Level managerLevel = manager.getLevel();
        finder.setLevel(Level.ALL);
        manager.setLevel(Level.ALL);
        finder.addHandler(handler);
        manager.addHandler(handler);
        Path workDir;
        try (ChromiumBrowser browser = ChromiumBrowser.launchOrSkip(ChromiumBrowser.Options.defaults())) {
            workDir = browser.workDirectory();
            String version = browser.browserVersion();
            assertThat(version).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            System.out.println("Chromium " + version + " with " + browser.arguments());
            assertThat(browser.arguments()).containsAll(ChromiumBrowser.BASE_ARGUMENTS)
                    .doesNotContainAnyElementsOf(ChromiumBrowser.FAKE_MEDIA_ARGUMENTS)
                    .anyMatch(arg -> arg.startsWith("--user-data-dir=" + workDir));
            assertThat(Files.isDirectory(workDir.resolve("profile"))).isTrue();

            Map<String, Object> environment = browser.page().environment();
            assertThat((String) environment.get("userAgent")).contains("HeadlessChrome/" + version.substring(0, version.indexOf('.')));
            // COOP/COEP from the page server: 5 us timer resolution for the RTT figures.
            assertThat(environment).containsEntry("crossOriginIsolated", true).containsEntry("secureContext", true);
        } finally {
            finder.removeHandler(handler);
            manager.removeHandler(handler);
            finder.setLevel(finderLevel);
            manager.setLevel(managerLevel);
        }
        // Selenium says it used our driver path, and Selenium Manager (which downloads) never ran.
        assertThat(seleniumLog).anyMatch(line -> line.contains("Skipping Selenium Manager"));
        assertThat(seleniumLog).noneMatch(line -> line.contains("SeleniumManager:"));
        assertThat(workDir).doesNotExist();
    }

    @Test
    void harnessErrorsCarryTheBrowserMessageAndConsole() {
        try (ChromiumBrowser browser = ChromiumBrowser.launchOrSkip(ChromiumBrowser.Options.defaults())) {
            ChromiumPage page = browser.page();
            assertThatThrownBy(() -> page.invoke(Duration.ofSeconds(5), "closePeer", "pc999"))
                    .isInstanceOf(ChromiumHarnessException.class)
                    .hasMessageContaining("no such peer: pc999")
                    .hasMessageContaining("harness-error");
            BrowserPeer peer = page.createPeer(RtcConfiguration.defaults());
            assertThatThrownBy(() -> peer.awaitConnectionState(Duration.ofMillis(200), "connected"))
                    .isInstanceOf(ChromiumHarnessException.class)
                    .hasMessageContaining("timed out after 200 ms")
                    .hasMessageContaining("\"connectionState\":\"new\"");
        }
    }
}
