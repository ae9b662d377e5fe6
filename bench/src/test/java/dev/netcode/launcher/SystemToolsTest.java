package dev.netcode.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemToolsTest {

    @Test
    void findsOnlyExecutablesOnThePath(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path exe = Files.createFile(bin.resolve("redis-server"));
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(bin.resolve("chromium")); // present but not executable
        SystemTools tools = new SystemTools(dir.resolve("empty") + File.pathSeparator + bin);

        assertThat(tools.isInstalled("redis-server")).isTrue();
        assertThat(tools.isInstalled("chromium")).isFalse();
        assertThat(tools.missing(SystemTools.TEST_TOOLS))
                .extracting(SystemTools.Tool::executable)
                .contains("chromium", "chromedriver", "turnserver")
                .doesNotContain("redis-server");
    }

    @Test
    void installCommandsNameEachPackageOnceAfterAnUpdate() {
        List<SystemTools.Tool> missing = List.of(
                new SystemTools.Tool("chromium", "chromium", "x"),
                new SystemTools.Tool("chromedriver", "chromium-driver", "x"),
                new SystemTools.Tool("chromium-browser", "chromium", "x"));
        assertThat(SystemTools.installCommands(missing)).containsExactly(
                List.of("apt-get", "update", "-q"),
                List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"));
        assertThat(SystemTools.installCommands(List.of())).isEmpty();
    }

    @Test
    void emptyPathFindsNoProgram() {
        assertThat(new SystemTools(null).missing(SystemTools.TEST_TOOLS))
                .extracting(SystemTools.Tool::executable)
                .contains("chromium", "chromedriver", "redis-server", "turnserver", "Xvfb", "xauth");
    }

    @Test
    void absolutePathsAreFilesNotPathLookups(@TempDir Path dir) throws IOException {
        Path lib = Files.createFile(dir.resolve("libfoo.so.1"));
        SystemTools tools = new SystemTools(null);
        assertThat(tools.isInstalled(lib.toString())).isTrue();
        assertThat(tools.isInstalled(dir.resolve("libbar.so.1").toString())).isFalse();
    }
}
