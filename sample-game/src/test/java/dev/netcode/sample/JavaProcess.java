package dev.netcode.sample;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a command line that runs a main class of this module in a fresh JVM with the test classpath. */
public final class JavaProcess {
    private JavaProcess() {}

    /** The real test classpath: Surefire runs tests from a manifest-only jar, so java.class.path is not it. */
    public static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    public static List<String> command(Class<?> mainClass, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(testClasspath());
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Whether an executable with this name is on the PATH. */
    public static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, executable).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
