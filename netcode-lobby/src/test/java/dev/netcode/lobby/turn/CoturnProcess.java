package dev.netcode.lobby.turn;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn ({@code turnserver}) on a free UDP port with the REST-API shared secret. Missing
 * binary: the test fails when CI=true, and is skipped otherwise.
 */
final class CoturnProcess implements AutoCloseable {
    static final String REALM = "netcode.test";
    private final Process process;
    final int port;

    private CoturnProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static CoturnProcess start(String secret, String previousSecret) throws Exception {
        Path binary = Path.of("/usr/bin/turnserver");
        if (!Files.isExecutable(binary)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("turnserver (coturn) is required in CI but missing at " + binary);
            }
            assumeTrue(false, "coturn not installed; skipping (install the coturn package)");
        }
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-n", "--no-cli", "--no-tls", "--no-dtls",
                "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", Integer.toString(port),
                "--min-port", "49152", "--max-port", "65535", "--realm", REALM, "--use-auth-secret",
                "--static-auth-secret", secret, "--log-file", "stdout", "--simple-log", "--no-software-attribute");
        if (previousSecret != null) {
            // coturn accepts several static secrets at once: that is how rotation works.
            pb.command().add("--static-auth-secret");
            pb.command().add(previousSecret);
        }
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new CoturnProcess(p, port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
