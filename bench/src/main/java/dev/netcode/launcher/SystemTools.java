package dev.netcode.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The system programs the test suite needs, and the Debian packages that provide them.
 *
 * <p>Tests that talk to a real peer (Chromium), a real Redis or a real coturn start those programs
 * themselves; this class only makes sure they are installed.
 */
public final class SystemTools {
    /**
     * Something the tests need and the Debian package that installs it: either a program looked up
     * on the PATH, or (when {@code executable} starts with '/') a file such as a shared library
     * that a test process loads.
     */
    public record Tool(String executable, String debianPackage, String whyNeeded) {}

    private static final String LIB = "/usr/lib/x86_64-linux-gnu/";

    public static final List<Tool> TEST_TOOLS = List.of(
            new Tool("chromium", "chromium", "WebRTC interop tests against a real browser"),
            new Tool("chromedriver", "chromium-driver", "driving Chromium from JUnit"),
            new Tool("redis-server", "redis-server", "lobby tests with several nodes on Redis"),
            new Tool("turnserver", "coturn", "TURN relay tests against a real coturn"),
            new Tool("Xvfb", "xvfb", "the desktop client's screenshot test"),
            new Tool("xauth", "xauth", "xvfb-run"),
            new Tool("openssl", "openssl", "DTLS interop tests against OpenSSL's s_server/s_client"),
            // Loaded by LWJGL3/GLFW and Mesa's software renderer when the desktop client runs under Xvfb.
            new Tool(LIB + "dri/swrast_dri.so", "libgl1-mesa-dri", "software OpenGL under Xvfb"),
            new Tool(LIB + "libGLX_mesa.so.0", "libglx-mesa0", "GLX for the desktop client"),
            new Tool(LIB + "libXcursor.so.1", "libxcursor1", "GLFW window cursor"),
            new Tool(LIB + "libXi.so.6", "libxi6", "GLFW input"),
            new Tool(LIB + "libXinerama.so.1", "libxinerama1", "GLFW monitors"),
            new Tool(LIB + "libXrandr.so.2", "libxrandr2", "GLFW video modes"),
            new Tool(LIB + "libX11-xcb.so.1", "libx11-xcb1", "GLX over XCB"));

    private final List<Path> searchPath;

    public SystemTools(String pathVariable) {
        List<Path> dirs = new ArrayList<>();
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        this.searchPath = List.copyOf(dirs);
    }

    public static SystemTools fromEnvironment() {
        return new SystemTools(System.getenv("PATH"));
    }

    public boolean isInstalled(String executable) {
        if (executable.startsWith("/")) {
            return Files.isRegularFile(Path.of(executable));
        }
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    public List<Tool> missing(List<Tool> tools) {
        List<Tool> missing = new ArrayList<>();
        for (Tool t : tools) {
            if (!isInstalled(t.executable())) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** The apt-get command lines, in order, that install {@code missing}. */
    public static List<List<String>> installCommands(List<Tool> missing) {
        Set<String> packages = new LinkedHashSet<>();
        for (Tool t : missing) {
            packages.add(t.debianPackage());
        }
        if (packages.isEmpty()) {
            return List.of();
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        install.addAll(packages);
        return List.of(List.of("apt-get", "update", "-q"), install);
    }
}
