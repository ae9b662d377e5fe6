package dev.netcode.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * ICE only, against real headless Chromium with its default mDNS host candidates: Chromium's
 * {@code iceConnectionState} must reach "connected" with this agent, before any DTLS (the answer
 * carries a dummy fingerprint, so DTLS never completes; ICE does not depend on it). Chromium hides
 * its host address behind a {@code .local} name, so the Java side connects through the
 * peer-reflexive candidate learned from Chromium's checks against our 127.0.0.1 candidate.
 */
@Tag("chromium")
@Tag("slow")
@Timeout(120)
class ChromiumIceInteropTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    enum Scenario { CHROMIUM_OFFERS_JAVA_FULL, JAVA_OFFERS_CHROMIUM_ANSWERS, CHROMIUM_OFFERS_JAVA_LITE_MUX }

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void chromiumReachesIceConnectedWithJava(Scenario scenario) throws Exception {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but Chromium/chromedriver are missing at " + CHROMIUM + ", " + CHROMEDRIVER);
            }
            Assumptions.abort("Chromium not installed");
        }
        long seed = System.nanoTime();
        System.out.println(scenario + " seed=" + seed);
        Random random = new Random(seed);
        // Default consent timing: Chromium pings a stable pair about every 2.5 s.
        IceConfig config = IceTestSupport.loopbackConfig(random).checkingTimeoutMs(60_000)
                .consentIntervalMs(2000).disconnectedTimeoutMs(5000).failedTimeoutMs(30_000).build();

        Path profile = Files.createTempDirectory("netcode-ice-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--allow-loopback-in-peer-connection", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(service, options);
        IceUdpMux mux = null;
        IceAgent agent = null;
        try {
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            driver.get("about:blank");
            if (scenario == Scenario.JAVA_OFFERS_CHROMIUM_ANSWERS) {
                agent = IceAgent.create(config, group, IceRole.CONTROLLING);
            } else if (scenario == Scenario.CHROMIUM_OFFERS_JAVA_FULL) {
                agent = IceAgent.create(config, group, IceRole.CONTROLLED);
            } else {
                mux = IceUdpMux.bind(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
                agent = mux.newAgent(config);
            }
            IceTestSupport.Recorder recorder = new IceTestSupport.Recorder().attach(agent);
            List<IceCandidate> local = agent.gather().get(10, TimeUnit.SECONDS);
            String remoteSdp;
            if (scenario == Scenario.JAVA_OFFERS_CHROMIUM_ANSWERS) {
                String offer = sdp(agent, local, "actpass", "0");
                remoteSdp = (String) driver.executeAsyncScript(ANSWER_JS, offer);
            } else {
                String offer = (String) driver.executeAsyncScript(OFFER_JS);
                assertThat(offer).doesNotStartWith("ERROR");
                String answer = sdp(agent, local, "passive", value(offer, "a=mid:"));
                Object applied = driver.executeAsyncScript(APPLY_ANSWER_JS, answer);
                assertThat(applied).isEqualTo("ok");
                remoteSdp = offer;
            }
            assertThat(remoteSdp).doesNotStartWith("ERROR");
            System.out.println("Chromium SDP candidates: " + lines(remoteSdp, "a=candidate:"));
            agent.setRemoteCredentials(value(remoteSdp, "a=ice-ufrag:"), value(remoteSdp, "a=ice-pwd:"));
            for (String c : lines(remoteSdp, "a=candidate:")) {
                agent.addRemoteCandidate(c);
            }
            agent.endOfRemoteCandidates();
            agent.start();
            IceAgent a = agent;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String s = (String) driver.executeScript("return window.pc.iceConnectionState");
                return ("connected".equals(s) || "completed".equals(s)) && a.state().isConnected();
            });
            System.out.println(scenario + ": Java selected remote " + agent.selectedRemoteCandidate()
                    + ", states " + recorder.states);
            assertThat(agent.remoteAddress()).isNotNull();
            // Consent freshness both ways: still connected after longer than the disconnected timeout.
            Thread.sleep(7000);
            assertThat(agent.state().isConnected()).as("Java state " + recorder.states).isTrue();
            assertThat((String) driver.executeScript("return window.pc.iceConnectionState")).isIn("connected", "completed");
            assertThat(recorder.states).doesNotContain(IceConnectionState.DISCONNECTED);
        } finally {
            if (agent != null) {
                agent.close();
            }
            if (mux != null) {
                mux.close();
            }
            driver.quit();
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static String sdp(IceAgent agent, List<IceCandidate> candidates, String setup, String mid) {
        byte[] fingerprint = new byte[32];
        new Random(1).nextBytes(fingerprint);
        StringBuilder sb = new StringBuilder()
                .append("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        if (agent.isLite()) {
            sb.append("a=ice-lite\r\n");
        }
        sb.append("a=group:BUNDLE ").append(mid).append("\r\n")
                .append("a=msid-semantic: WMS\r\n")
                .append("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n")
                .append("c=IN IP4 0.0.0.0\r\n");
        for (IceCandidate c : candidates) {
            sb.append("a=").append(c.toSdpValue()).append("\r\n");
        }
        sb.append("a=end-of-candidates\r\n")
                .append("a=ice-ufrag:").append(agent.localCredentials().ufrag()).append("\r\n")
                .append("a=ice-pwd:").append(agent.localCredentials().password()).append("\r\n")
                .append("a=fingerprint:sha-256 ").append(HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint)).append("\r\n")
                .append("a=setup:").append(setup).append("\r\n")
                .append("a=mid:").append(mid).append("\r\n")
                .append("a=sctp-port:5000\r\n")
                .append("a=max-message-size:262144\r\n");
        return sb.toString();
    }

    private static String value(String sdp, String prefix) {
        return lines(sdp, prefix).stream().findFirst().map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + sdp));
    }

    private static List<String> lines(String sdp, String prefix) {
        List<String> out = new ArrayList<>();
        for (String l : sdp.split("\r?\n")) {
            if (l.startsWith(prefix)) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }

    private static final String GATHERED = """
            await new Promise(r => {
              if (pc.iceGatheringState === 'complete') { r(); return; }
              pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); });
              setTimeout(r, 10000);
            });
            """;

    private static final String OFFER_JS = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const pc = window.pc = new RTCPeerConnection();
              pc.createDataChannel('probe');
              await pc.setLocalDescription(await pc.createOffer());
            """ + GATHERED + """
              done(pc.localDescription.sdp);
            })().catch(e => done('ERROR ' + e));
            """;

    private static final String APPLY_ANSWER_JS = """
            const done = arguments[arguments.length - 1];
            window.pc.setRemoteDescription({type: 'answer', sdp: arguments[0]}).then(() => done('ok'), e => done('ERROR ' + e));
            """;

    private static final String ANSWER_JS = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const pc = window.pc = new RTCPeerConnection();
              await pc.setRemoteDescription({type: 'offer', sdp: arguments[0]});
              await pc.setLocalDescription(await pc.createAnswer());
            """ + GATHERED + """
              done(pc.localDescription.sdp);
            })().catch(e => done('ERROR ' + e));
            """;
}
