package dev.netcode.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./netcode test}: install what the suite needs, then run {@code ./mvnw -B verify}. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Installs missing test tools and libraries with apt-get (as root), then runs ./mvnw -B verify.")
final class TestCommand implements Callable<Integer> {
    @Option(names = "--no-install", description = "Only check the system tools; never run apt-get.")
    boolean noInstall;

    @Parameters(description = "Extra arguments passed to Maven, e.g. -pl netcode-core -Dtest=Foo.")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        SystemTools tools = SystemTools.fromEnvironment();
        List<SystemTools.Tool> missing = tools.missing(SystemTools.TEST_TOOLS);
        if (!missing.isEmpty()) {
            List<List<String>> commands = SystemTools.installCommands(missing);
            System.out.println("netcode test: missing system tools:");
            for (SystemTools.Tool t : missing) {
                System.out.printf("  %-13s (Debian package %s) for %s%n", t.executable(), t.debianPackage(), t.whyNeeded());
            }
            if (noInstall || !isRoot()) {
                System.out.println("Install them with:");
                for (List<String> c : commands) {
                    System.out.println("  sudo " + String.join(" ", c));
                }
                return 2;
            }
            for (List<String> c : commands) {
                System.out.println("netcode test: running " + String.join(" ", c));
                int rc = run(c, true);
                if (rc != 0) {
                    System.out.println("netcode test: '" + String.join(" ", c) + "' failed with exit code " + rc);
                    return rc;
                }
            }
            List<SystemTools.Tool> still = SystemTools.fromEnvironment().missing(SystemTools.TEST_TOOLS);
            if (!still.isEmpty()) {
                System.out.println("netcode test: still missing after apt-get: " + still);
                return 2;
            }
        }
        List<String> mvn = new ArrayList<>(List.of(projectRoot().resolve("mvnw").toString(), "-B", "verify"));
        mvn.addAll(mavenArgs);
        System.out.println("netcode test: running " + String.join(" ", mvn));
        return run(mvn, false);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Path projectRoot() {
        String root = System.getProperty("netcode.root");
        return root == null ? Path.of("").toAbsolutePath() : Path.of(root);
    }

    private static int run(List<String> command, boolean noninteractive) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO().directory(projectRoot().toFile());
        if (noninteractive) {
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        }
        return pb.start().waitFor();
    }
}
