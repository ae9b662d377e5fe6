package dev.netcode.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.bench.webrtc.EchoPeerChannelSpec;
import dev.netcode.bench.webrtc.SignalingJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code echo-peer serve} and {@code echo-peer dial} as the launcher runs them, in one JVM on
 * loopback (HTTP port 0, ICE on 127.0.0.1): the dial's exit code and its final JSON line.
 */
@Timeout(120)
class EchoPeerCommandTest {
    private static EchoPeerCommand.Serve serve;
    private static Thread serveThread;
    private static String url;

    @BeforeAll
    static void startServe() throws Exception {
        serve = new EchoPeerCommand.Serve();
        CommandLine cli = new CommandLine(serve);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        serveThread = new Thread(() -> cli.execute("--listen", "127.0.0.1:0", "--ice-address", "127.0.0.1"), "serve");
        serveThread.setDaemon(true);
        serveThread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (serve.boundAddress() == null) {
            assertThat(System.nanoTime()).as("serve came up").isLessThan(deadline);
            Thread.sleep(10);
        }
        url = "http://127.0.0.1:" + serve.boundAddress().getPort() + "/offer";
        assertThat(out.toString()).contains(url);
    }

    @AfterAll
    static void stopServe() throws Exception {
        serve.stop();
        serveThread.join(10_000);
    }

    private record Outcome(int exit, Map<String, String> json, String stderr) {
    }

    private static Outcome dial(String... args) {
        CommandLine cli = new CommandLine(new EchoPeerCommand.Dial());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = url;
        all[2] = "--ice-address";
        all[3] = "127.0.0.1";
        System.arraycopy(args, 0, all, 4, args.length);
        int exit = cli.execute(all);
        String[] lines = out.toString().strip().split("\n");
        String last = lines[lines.length - 1];
        System.out.println("dial " + String.join(" ", args) + " -> exit " + exit + ": " + last);
        Map<String, String> json = last.startsWith("{") ? SignalingJson.parseFlatObject(last) : Map.of();
        return new Outcome(exit, json, err.toString());
    }

    @Test
    void defaultReliableChannelEchoesEveryMessageIntact() {
        // 0 B, the SCTP fragment boundary (1160 B per chunk), 64 KiB and the 256 KiB maximum, cycled.
        Outcome o = dial("--messages", "300", "--sizes", "0,1,1159,1160,1161,2321,65536,262144");
        assertThat(o.exit()).as(o.stderr()).isZero();
        assertThat(o.json()).containsEntry("ok", "true").containsEntry("sent", "300").containsEntry("echoed", "300")
                .containsEntry("mismatched", "0").containsEntry("channels", "1").containsEntry("error", "null");
        assertThat(Long.parseLong(o.json().get("setup_ms"))).isPositive();
        assertThat(Double.parseDouble(o.json().get("throughput_MBps"))).isPositive();
        long p50 = Long.parseLong(o.json().get("rtt_p50_us"));
        assertThat(p50).isPositive().isLessThanOrEqualTo(Long.parseLong(o.json().get("rtt_p99_us")));
    }

    @Test
    void reliableAndPartiallyReliableChannelsAtOnce() {
        Outcome o = dial("--channel", "events", "--channel", "bulk:unordered", "--channel", "inputs:unordered:rexmit=0",
                "--channel", "state:lifetime=100", "--messages", "500", "--sizes", "32,200,1500");
        assertThat(o.exit()).as(o.stderr()).isZero();
        assertThat(o.json()).containsEntry("ok", "true").containsEntry("channels", "4").containsEntry("sent", "2000")
                .containsEntry("mismatched", "0");
        long echoed = Long.parseLong(o.json().get("echoed"));
        long lost = Long.parseLong(o.json().get("lost"));
        // Both reliable channels came back whole; the others may lose some, and count it.
        assertThat(echoed).isGreaterThanOrEqualTo(1000);
        assertThat(echoed + lost).isEqualTo(2000);
    }

    @Test
    void aMessageAboveThePeersMaximumFailsTheRunWithANonzeroExit() {
        Outcome o = dial("--messages", "3", "--size", "300000");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.json()).containsEntry("ok", "false");
        assertThat(o.json().get("error")).contains("300000").contains("262144");
        assertThat(o.stderr()).contains("failed");
    }

    @Test
    void aWrongUrlFailsWithANonzeroExit() {
        CommandLine cli = new CommandLine(new EchoPeerCommand.Dial());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute("--url", url.replace("/offer", "/nothing"), "--ice-address", "127.0.0.1", "--messages", "1");
        assertThat(exit).isEqualTo(1);
        assertThat(SignalingJson.parseFlatObject(out.toString().strip())).containsEntry("ok", "false")
                .containsEntry("sent", "0");
    }

    @Test
    void aBadChannelSpecIsAUsageError() {
        assertThat(dial("--channel", "x:sideways").exit()).isEqualTo(2);
        assertThat(dial("--channel", "x:rexmit=1:lifetime=5").exit()).isEqualTo(2);
    }

    @Test
    void channelSpecsParse() {
        assertThat(EchoPeerChannelSpec.parse("chat")).isEqualTo(new EchoPeerChannelSpec("chat", true, null, null));
        assertThat(EchoPeerChannelSpec.parse("in:unordered:rexmit=0"))
                .isEqualTo(new EchoPeerChannelSpec("in", false, 0, null));
        EchoPeerChannelSpec life = EchoPeerChannelSpec.parse("s:ordered:lifetime=100");
        assertThat(life.reliable()).isFalse();
        assertThat(life.parameters().maxPacketLifeTimeMs()).isEqualTo(100);
        assertThat(life.parameters().ordered()).isTrue();
        assertThatThrownBy(() -> EchoPeerChannelSpec.parse("x:rexmit=abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EchoPeerChannelSpec.parse(":ordered")).isInstanceOf(IllegalArgumentException.class);
    }
}
