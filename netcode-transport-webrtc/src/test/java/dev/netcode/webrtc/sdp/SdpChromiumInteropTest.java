package dev.netcode.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium accepts what {@link DataChannelSdp} writes: our answers to its offers (data
 * only, and with audio/video rejected) and our offers. Signaling only, no ICE/DTLS: this checks
 * the SDP, the transport layers are tested elsewhere. Needs /usr/bin/chromium and chromedriver:
 * fails when missing with {@code CI=true}, skips otherwise.
 */
@Timeout(120)
class SdpChromiumInteropTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String FINGERPRINT = "sha-256 2F:50:CF:66:15:9B:E6:A2:98:1A:D7:B1:88:B1:26:96:F7:2A:16:EC:"
            + "2E:42:43:DC:2D:17:66:48:5A:7E:BA:5B";
    // Port 9 (discard) on loopback: Chromium may send checks there; nothing answers.
    private static final String CANDIDATE = "1 1 udp 2130706431 127.0.0.1 9 typ host";

    private static ChromeDriverService service;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void launch() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.assumeTrue(present, "Chromium/chromedriver not installed (allowed outside CI)");
        profile = Files.createTempDirectory("netcode-sdp-chromium-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60)).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--allow-loopback-in-peer-connection", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.get("data:text/html,<title>sdp</title>");
    }

    @AfterAll
    static void quit() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /**
     * Runs an async script body (may use {@code await} and {@code args}); its return value is the
     * result. The result is percent-encoded in the page because WebDriver turns CRLF into LF in
     * returned strings, and the exact bytes matter here.
     */
    private static String js(String body, Object... args) {
        String script = "const done = arguments[arguments.length - 1];"
                + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);"
                + "(async () => {" + body + "})().then(r => done(encodeURIComponent(String(r))),"
                + " e => done(encodeURIComponent('ERROR ' + e)));";
        Object raw = ((JavascriptExecutor) driver).executeAsyncScript(script, args);
        String result = URLDecoder.decode(String.valueOf(raw), StandardCharsets.UTF_8);
        assertThat(result).as("script result").doesNotStartWith("ERROR");
        return result;
    }

    private static DataSessionParameters local() {
        return DataSessionParameters.builder().sessionId(4611731400430051336L).iceUfrag("EsAw")
                .icePwd("P2uYro0UCOQ4zxjKXaWCBui1").fingerprint(FINGERPRINT).candidate(CANDIDATE)
                .endOfCandidates(true).build();
    }

    @Test
    void chromiumAcceptsOurAnswerToItsDataOffer() throws Exception {
        String offer = js("window.pc = new RTCPeerConnection(); pc.createDataChannel('chat');"
                + "await pc.setLocalDescription(await pc.createOffer()); return pc.localDescription.sdp;");
        SessionDescription answer = DataChannelSdp.createAnswer(SessionDescription.parse(offer), local());
        String state = js("await pc.setRemoteDescription({type: 'answer', sdp: args[0]});"
                + "const s = pc.signalingState + ' ' + (pc.sctp !== null); pc.close(); return s;", answer.toSdp());
        assertThat(state).isEqualTo("stable true");
    }

    @Test
    void chromiumAcceptsOurAnswerRejectingAudioAndVideo() throws Exception {
        String offer = js("window.pc = new RTCPeerConnection(); pc.addTransceiver('audio'); pc.addTransceiver('video');"
                + "pc.createDataChannel('chat');"
                + "await pc.setLocalDescription(await pc.createOffer()); return pc.localDescription.sdp;");
        assertThat(offer).contains("\r\n");
        SessionDescription parsedOffer = SessionDescription.parse(offer);
        assertThat(parsedOffer.toSdp()).isEqualTo(offer);
        assertThat(parsedOffer.media()).extracting(MediaDescription::media).containsExactly("audio", "video", "application");
        SessionDescription answer = DataChannelSdp.createAnswer(parsedOffer, local());
        String state = js("await pc.setRemoteDescription({type: 'answer', sdp: args[0]});"
                + "const s = pc.signalingState + ' ' + (pc.sctp !== null) + ' '"
                + " + pc.getTransceivers().filter(t => t.currentDirection !== 'stopped').length;"
                + "pc.close(); return s;", answer.toSdp());
        // The rejected transceivers are stopped (Chromium 156 even drops them); the data section
        // carries the SCTP transport.
        assertThat(state).isEqualTo("stable true 0");
    }

    @Test
    void chromiumAnswersOurOffers() throws Exception {
        for (DataSessionParameters params : List.of(local(),
                DataSessionParameters.builder().sessionId(7).iceUfrag("LiteHost").icePwd("abcdefghijklmnopqrstuvwx")
                        .fingerprint(FINGERPRINT).candidate(CANDIDATE).endOfCandidates(true).iceLite(true)
                        .trickle(false).mid("data").build())) {
            SessionDescription offer = DataChannelSdp.createOffer(params);
            String answerText = js("const pc = new RTCPeerConnection();"
                    + "await pc.setRemoteDescription({type: 'offer', sdp: args[0]});"
                    + "await pc.setLocalDescription(await pc.createAnswer());"
                    + "const sdp = pc.localDescription.sdp; pc.close(); return sdp;", offer.toSdp());
            SessionDescription answer = SessionDescription.parse(answerText);
            assertThat(answer.toSdp()).isEqualTo(answerText);
            DataSection data = answer.dataSection();
            assertThat(data.mid()).isEqualTo(params.mid());
            assertThat(data.setup()).isIn(SetupRole.ACTIVE, SetupRole.PASSIVE);
            assertThat(data.sctpPort()).isEqualTo(5000);
            assertThat(data.maxMessageSizeBytes()).isEqualTo(262144);
            assertThat(answer.groups("BUNDLE")).containsExactly(List.of(params.mid()));
        }
    }
}
