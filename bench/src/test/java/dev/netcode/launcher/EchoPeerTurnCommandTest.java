package dev.netcode.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.bench.webrtc.SignalingJson;
import dev.netcode.webrtc.turn.CoturnProcess;
import dev.netcode.webrtc.turn.TurnCredentials;
import dev.netcode.webrtc.turn.TurnTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * {@code echo-peer serve} and {@code echo-peer dial} with {@code --turn --turn-user --turn-pass
 * --relay-only} against a real coturn (REST credentials, loopback peers), in one JVM as the
 * launcher runs them: the relay-only echo over UDP and TCP to the server, wrong credentials as a
 * fast one-line error naming the server, and an unreachable TURN server as a warning only.
 *
 * <p>coturn missing: fails when CI=true, skipped otherwise.
 */
@Timeout(120)
class EchoPeerTurnCommandTest {
    private static CoturnProcess coturn;

    @BeforeAll
    static void start() throws Exception {
        CoturnProcess.requireBinary();
        coturn = CoturnProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (coturn != null) {
            coturn.close();
        }
    }

    /** A running {@code serve}; {@link #close()} stops it as Ctrl-C would. */
    private static final class RunningServe implements AutoCloseable {
        final EchoPeerCommand.Serve serve = new EchoPeerCommand.Serve();
        final Thread thread;
        final StringWriter err = new StringWriter();
        volatile int exit = -1;

        RunningServe(String... args) throws InterruptedException {
            CommandLine cli = new CommandLine(serve);
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            List<String> all = new ArrayList<>(List.of("--listen", "127.0.0.1:0", "--ice-address", "127.0.0.1"));
            all.addAll(List.of(args));
            thread = new Thread(() -> exit = cli.execute(all.toArray(String[]::new)), "serve");
            thread.setDaemon(true);
            thread.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (serve.boundAddress() == null && thread.isAlive()) {
                assertThat(System.nanoTime()).as("serve came up").isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        String url() {
            assertThat(serve.boundAddress()).as("serve is up; stderr: %s", err).isNotNull();
            return "http://127.0.0.1:" + serve.boundAddress().getPort() + "/offer";
        }

        @Override
        public void close() throws InterruptedException {
            serve.stop();
            thread.join(10_000);
        }
    }

    private record Outcome(int exit, Map<String, String> json, String stderr, long elapsedMs) {
    }

    private static Outcome dial(String url, String... args) {
        CommandLine cli = new CommandLine(new EchoPeerCommand.Dial());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--url", url, "--ice-address", "127.0.0.1"));
        all.addAll(List.of(args));
        long start = System.nanoTime();
        int exit = cli.execute(all.toArray(String[]::new));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String[] lines = out.toString().strip().split("\n");
        String last = lines[lines.length - 1];
        System.out.println("dial " + String.join(" ", args) + " -> exit " + exit + " in " + elapsedMs + " ms: " + last
                + (err.toString().isBlank() ? "" : " stderr: " + err.toString().strip()));
        Map<String, String> json = last.startsWith("{") ? SignalingJson.parseFlatObject(last) : Map.of();
        return new Outcome(exit, json, err.toString(), elapsedMs);
    }

    /** {@code --turn URI --turn-user U --turn-pass P --relay-only} with valid REST credentials for {@code user}. */
    private static String[] relayOnly(TurnTransport transport, String user) {
        TurnCredentials c = coturn.credentials(user);
        return new String[] {"--turn", coturn.uri(transport), "--turn-user", c.username(), "--turn-pass", c.password(),
            "--relay-only"};
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void relayOnlyServeAndDialEchoEveryMessageThroughCoturn(TurnTransport transport) throws Exception {
        try (RunningServe serve = new RunningServe(relayOnly(transport, "serve-" + transport))) {
            Outcome o = dial(serve.url(), concat(relayOnly(transport, "dial-" + transport),
                    "--messages", "500", "--sizes", "1,1200,1161,16384,65536"));
            assertThat(o.exit()).as(o.stderr()).isZero();
            assertThat(o.json()).containsEntry("ok", "true").containsEntry("sent", "500").containsEntry("echoed", "500")
                    .containsEntry("mismatched", "0").containsEntry("lost", "0").containsEntry("error", "null");
            assertThat(Long.parseLong(o.json().get("ice_ms"))).isNotNegative();
            assertThat(o.stderr()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TurnTransport.class)
    void wrongCredentialsFailTheDialAtOnceWithALineNamingTheServer(TurnTransport transport) throws Exception {
        try (RunningServe serve = new RunningServe(relayOnly(TurnTransport.UDP, "serve-ok"))) {
            String[] wrong = relayOnly(transport, "mallory");
            wrong[5] = "not-the-password";
            Outcome o = dial(serve.url(), concat(wrong, "--messages", "10", "--timeout-ms", "60000"));
            assertThat(o.exit()).isEqualTo(1);
            String line = o.stderr().strip();
            assertThat(line).doesNotContain("\n").startsWith("echo-peer dial: ").contains(coturn.uri(transport))
                    .contains("401").contains("wrong").contains("mallory");
            assertThat(o.json()).containsEntry("ok", "false").containsEntry("sent", "0");
            assertThat(o.json().get("error")).contains("401").contains(coturn.uri(transport));
            // The answer comes from the check, not from an ICE timeout (60 s here).
            assertThat(o.elapsedMs()).isLessThan(30_000);
        }
    }

    @Test
    void serveRefusesToStartWithWrongCredentials() throws Exception {
        String[] wrong = relayOnly(TurnTransport.TCP, "mallory");
        wrong[5] = "not-the-password";
        try (RunningServe serve = new RunningServe(wrong)) {
            serve.thread.join(30_000);
            assertThat(serve.exit).isEqualTo(1);
            assertThat(serve.serve.boundAddress()).isNull();
            assertThat(serve.err.toString().strip()).doesNotContain("\n").contains(coturn.uri(TurnTransport.TCP))
                    .contains("401").contains("wrong");
        }
    }

    @Test
    void anUnreachableTurnServerIsAWarningUnlessRelayOnly() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort(); // closed again: TCP connections to it are refused
        }
        String dead = "turn:127.0.0.1:" + deadPort + "?transport=tcp";
        try (RunningServe serve = new RunningServe()) {
            Outcome direct = dial(serve.url(), "--turn", dead, "--turn-user", "u", "--turn-pass", "p", "--messages", "100");
            assertThat(direct.exit()).as(direct.stderr()).isZero();
            assertThat(direct.json()).containsEntry("ok", "true").containsEntry("echoed", "100");
            assertThat(direct.stderr()).contains("warning").contains(dead);

            Outcome relayOnly = dial(serve.url(), "--turn", dead, "--turn-user", "u", "--turn-pass", "p", "--relay-only",
                    "--messages", "100");
            assertThat(relayOnly.exit()).isEqualTo(1);
            assertThat(relayOnly.json()).containsEntry("ok", "false");
            assertThat(relayOnly.json().get("error")).contains("--relay-only").contains(dead);
        }
    }

    @Test
    void incompleteTurnOptionsAreAUsageError() {
        assertThat(dial("http://127.0.0.1:1/offer", "--relay-only").exit()).isEqualTo(2);
        assertThat(dial("http://127.0.0.1:1/offer", "--turn", coturn.uri(TurnTransport.UDP)).exit()).isEqualTo(2);
    }
}
