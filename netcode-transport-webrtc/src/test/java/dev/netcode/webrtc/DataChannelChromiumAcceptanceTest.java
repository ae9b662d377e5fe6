package dev.netcode.webrtc;

import dev.netcode.webrtc.testing.BrowserDataChannel;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcDataChannelInit;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The acceptance matrix of issue 5, Java↔headless Chromium over real ICE, DTLS and SCTP: the
 * remote is an {@code RTCPeerConnection} in the harness page whose channels echo every message
 * with its type (the page's echo mode); the Java side sends and checks.
 */
@ChromiumTest
@Tag("slow")
class DataChannelChromiumAcceptanceTest extends DataChannelAcceptanceScenarios {
    private static final Duration WAIT = Duration.ofSeconds(WAIT_S);
    private static EventLoopGroup group;
    private ChromiumPage page;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void page(ChromiumPage page) {
        this.page = page;
    }

    @Override
    Session connect(boolean testerOffers, Random random) throws Exception {
        PeerConnection java = PeerConnection.create(PeerTestSupport.loopback(random).consentIntervalMs(2000)
                .disconnectedTimeoutMs(5000).failedTimeoutMs(30_000).eventLoopGroup(group).build());
        BrowserPeer browser = page.createEchoPeer(RtcConfiguration.defaults());
        ChromiumRemote remote = new ChromiumRemote(browser);
        Session session = new Session(java, remote);
        try {
            if (testerOffers) {
                java.setLocalDescription(java.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
                SessionDescriptionInit offer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
                browser.setRemoteDescription(RtcSessionDescription.offer(offer.sdp()));
                RtcSessionDescription answer = browser.createAnswerWithAllCandidates(Duration.ofSeconds(10));
                java.setRemoteDescription(SessionDescriptionInit.answer(answer.sdp())).get(5, TimeUnit.SECONDS);
                remote.maxMessageSizeBytes = maxMessageSize(answer.sdp());
            } else {
                browser.createDataChannel("bootstrap"); // a browser offers an m=application only with a channel
                RtcSessionDescription offer = browser.createOfferWithAllCandidates(Duration.ofSeconds(10));
                java.setRemoteDescription(SessionDescriptionInit.offer(offer.sdp())).get(5, TimeUnit.SECONDS);
                java.setLocalDescription(java.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
                SessionDescriptionInit answer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
                browser.setRemoteDescription(RtcSessionDescription.answer(answer.sdp()));
                remote.maxMessageSizeBytes = maxMessageSize(offer.sdp());
            }
            java.connected().get(WAIT_S, TimeUnit.SECONDS);
            browser.awaitConnectionState(WAIT, "connected");
            return session;
        } catch (Exception | Error e) {
            session.close();
            throw e;
        }
    }

    /** The browser's {@code a=max-message-size} (RFC 8841: 64 KiB when absent). */
    private static long maxMessageSize(String sdp) {
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=max-message-size:")) {
                return Long.parseLong(line.substring("a=max-message-size:".length()).trim());
            }
        }
        return 65_536;
    }

    /** The page's peer; its channels echo unless switched to discard. */
    static final class ChromiumRemote implements Remote {
        final BrowserPeer browser;
        final Map<String, BrowserDataChannel> channels = new ConcurrentHashMap<>();
        long maxMessageSizeBytes;

        ChromiumRemote(BrowserPeer browser) {
            this.browser = browser;
        }

        /** The browser's end of {@code label}: a negotiated one we created, or the announced one. */
        private BrowserDataChannel channel(String label) {
            return channels.computeIfAbsent(label, l -> browser.awaitRemoteChannel(l, WAIT));
        }

        @Override
        public void discard(String label) {
            channel(label).discard();
        }

        @Override
        public long receivedBytes(String label) {
            return channel(label).state().receivedBytes();
        }

        @Override
        public void createNegotiated(String label, int id) {
            BrowserDataChannel c = browser.createDataChannel(label, RtcDataChannelInit.negotiated(id));
            c.echo();
            channels.put(label, c);
        }

        @Override
        public void sendText(String label, String text) {
            channel(label).sendText(text);
        }

        @Override
        public void awaitOpen(String label) {
            channel(label).awaitOpen(WAIT);
        }

        @Override
        public void closeChannel(String label) {
            channel(label).close();
        }

        @Override
        public void awaitClosed(String label) {
            channel(label).awaitClosed(WAIT);
        }

        @Override
        public int streamId(String label) {
            return channel(label).state().streamId();
        }

        @Override
        public long maxMessageSizeBytes() {
            return maxMessageSizeBytes;
        }

        @Override
        public void close() {
            browser.close();
        }

        @Override
        public String toString() {
            return "Chromium " + browser.state() + " channels " + channels.values().stream().map(BrowserDataChannel::state).toList();
        }
    }
}
