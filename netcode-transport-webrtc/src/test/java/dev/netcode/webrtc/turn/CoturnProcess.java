package dev.netcode.webrtc.turn;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn ({@code turnserver}) on a free loopback port (UDP and TCP) with the REST-API shared
 * secret ({@code use-auth-secret}), allowed to relay between loopback peers. Missing binary: the
 * test fails when CI=true and is skipped otherwise.
 *
 * <p>Public because the bench module's launcher tests use it through this module's test-jar. The
 * lobby has its own helper of the same name: test classes of this module are not on the lobby's
 * test classpath, and the two need different options (loopback peers, TCP). coturn's log goes to
 * {@code target/coturn-PORT.log}.
 *
 * <p>Options that matter for relaying between loopback peers: {@code --allow-loopback-peers}
 * (coturn refuses 127.0.0.0/8 peers otherwise), {@code --listening-ip} and {@code --relay-ip}
 * 127.0.0.1 (relayed addresses on loopback, reachable by every local peer), no
 * {@code --denied-peer-ip} ranges; {@code --no-multicast-peers} only refuses multicast peers.
 */
public final class CoturnProcess implements AutoCloseable {
    public static final String REALM = "netcode.test";
    public static final String SECRET = "turn-test-secret";
    private final Process process;
    public final int port;

    private CoturnProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static void requireBinary() {
        Path binary = Path.of("/usr/bin/turnserver");
        if (!Files.isExecutable(binary)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("turnserver (coturn) is required in CI but missing at " + binary);
            }
            assumeTrue(false, "coturn not installed; skipping (install the coturn package)");
        }
    }

    /** Starts coturn with the default options plus {@code extraOptions} (e.g. "--user-quota", "1"). */
    public static CoturnProcess start(String... extraOptions) throws Exception {
        requireBinary();
        int port = freeUdpAndTcpPort();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/turnserver", "-n", "--no-cli", "--no-tls", "--no-dtls",
                "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", Integer.toString(port),
                "--min-port", "49152", "--max-port", "65535", "--realm", REALM, "--use-auth-secret",
                "--static-auth-secret", SECRET, "--allow-loopback-peers", "--no-multicast-peers",
                "--log-file", "stdout", "--simple-log", "--no-software-attribute", "--verbose"));
        cmd.addAll(List.of(extraOptions));
        File log = new File("target/coturn-" + port + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        CoturnProcess coturn = new CoturnProcess(p, port);
        coturn.awaitListening();
        return coturn;
    }

    private static int freeUdpAndTcpPort() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (java.net.BindException taken) {
                // the UDP twin of this TCP port is in use: try another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("turnserver exited with " + process.exitValue() + "; see target/coturn-" + port + ".log");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("turnserver did not listen on " + port + " within 20 s");
    }

    /** This server over {@code transport} with REST credentials for {@code user}. */
    public TurnServer server(TurnTransport transport, String user) {
        return new TurnServer(new InetSocketAddress("127.0.0.1", port), transport, credentials(user));
    }

    /** REST-API credentials ({@code expiry:user}, HMAC-SHA1 of {@link #SECRET}) valid for an hour. */
    public TurnCredentials credentials(String user) {
        return TurnCredentials.rest(SECRET, user, java.time.Duration.ofHours(1), java.time.Clock.systemUTC());
    }

    /** {@code turn:127.0.0.1:PORT?transport=udp|tcp}, as a browser or the launcher takes it. */
    public String uri(TurnTransport transport) {
        return "turn:127.0.0.1:" + port + "?transport=" + transport.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** coturn's log: {@code target/coturn-PORT.log} of the module under test. */
    public Path logFile() {
        return Path.of("target/coturn-" + port + ".log");
    }

    /**
     * Refreshes coturn logged as done (not the LIFETIME 0 one that frees an allocation) for REST
     * users named {@code user}, counted from the verbose log line
     * {@code refreshed, realm=<...>, username=<expiry:user>, lifetime=N}.
     */
    public long successfulRefreshes(String user) throws java.io.IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(logFile())) {
            return lines.filter(l -> l.contains(" refreshed, ") && l.contains(":" + user + ">, lifetime="))
                    .filter(l -> !l.endsWith("lifetime=0")).count();
        }
    }

    /** Allocations coturn logged as freed by a Refresh with LIFETIME 0, for REST users named {@code user}. */
    public long freedAllocations(String user) throws java.io.IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(logFile())) {
            return lines.filter(l -> l.contains(" refreshed, ") && l.endsWith(":" + user + ">, lifetime=0")).count();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
