package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.testing.BrowserDataChannel;
import dev.netcode.webrtc.testing.BrowserMessage;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Headless Chromium and a Java {@link PeerConnection} exchange DataChannel messages over real ICE,
 * DTLS and SCTP: the browser offers with a channel and the Java side echoes every message with its
 * type; the Java side offers with a channel and the browser echoes.
 */
@ChromiumTest
@Tag("slow")
@Timeout(90)
class PeerConnectionDataChannelChromiumTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MESSAGES = 200;

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static PeerConnectionConfig config(Random random) {
        return PeerTestSupport.loopback(random).consentIntervalMs(2000).disconnectedTimeoutMs(5000)
                .failedTimeoutMs(30_000).eventLoopGroup(group).build();
    }

    /** Text and binary, 0 B..16 KiB, seeded. */
    private static List<BrowserMessage> messages(Random random) {
        List<BrowserMessage> list = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            int size = i == 0 ? 0 : i % 20 == 0 ? 16_384 : random.nextInt(1_500);
            if (random.nextBoolean()) {
                byte[] b = new byte[size];
                random.nextBytes(b);
                list.add(BrowserMessage.binary(b));
            } else {
                StringBuilder s = new StringBuilder(size);
                for (int j = 0; j < size; j++) {
                    s.append((char) ('a' + random.nextInt(26)));
                }
                list.add(BrowserMessage.text(s.toString()));
            }
        }
        return list;
    }

    private static void send(BrowserDataChannel channel, List<BrowserMessage> messages) {
        for (BrowserMessage m : messages) {
            if (m.isBinary()) {
                channel.sendBinary(m.data());
            } else {
                channel.sendText(m.text());
            }
        }
    }

    @Test
    void chromiumOffersJavaEchoes(ChromiumPage page) throws Exception {
        long seed = System.nanoTime();
        System.out.println("chromiumOffersJavaEchoes seed=" + seed);
        Random random = new Random(seed);
        PeerConnection java = PeerConnection.create(config(random), new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                channel.setListener(new DataChannelListener() {
                    @Override
                    public void onStringMessage(DataChannel c, String message) {
                        c.send(message);
                    }

                    @Override
                    public void onBinaryMessage(DataChannel c, ByteBuffer message) {
                        c.send(message);
                    }
                });
            }
        });
        try {
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            BrowserDataChannel channel = browser.createDataChannel("echo");
            channel.collect();
            RtcSessionDescription offer = browser.createOfferWithAllCandidates(Duration.ofSeconds(10));
            java.setRemoteDescription(SessionDescriptionInit.offer(offer.sdp())).get(5, TimeUnit.SECONDS);
            java.setLocalDescription(java.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            browser.setRemoteDescription(RtcSessionDescription.answer(answer.sdp()));

            channel.awaitOpen(WAIT);
            List<BrowserMessage> sent = messages(random);
            send(channel, sent);
            assertThat(channel.awaitMessages(MESSAGES, WAIT)).containsExactlyElementsOf(sent);
        } finally {
            java.close();
        }
    }

    @Test
    void javaOffersChromiumEchoes(ChromiumPage page) throws Exception {
        long seed = System.nanoTime();
        System.out.println("javaOffersChromiumEchoes seed=" + seed);
        Random random = new Random(seed);
        PeerConnection java = PeerConnection.create(config(random));
        try {
            java.setLocalDescription(java.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            browser.setRemoteDescription(RtcSessionDescription.offer(offer.sdp()));
            RtcSessionDescription answer = browser.createAnswerWithAllCandidates(Duration.ofSeconds(10));
            java.setRemoteDescription(SessionDescriptionInit.answer(answer.sdp())).get(5, TimeUnit.SECONDS);

            List<BrowserMessage> sent = messages(random);
            List<BrowserMessage> echoed = Collections.synchronizedList(new ArrayList<>());
            DataChannel[] channel = new DataChannel[1];
            java.util.concurrent.CompletableFuture<Void> opened = new java.util.concurrent.CompletableFuture<>();
            java.eventLoop().submit(() -> {
                DataChannel ch = java.createDataChannel("from-java", DataChannelParameters.DEFAULT);
                channel[0] = ch;
                ch.setListener(new DataChannelListener() {
                    @Override
                    public void onOpen(DataChannel c) {
                        opened.complete(null);
                    }

                    @Override
                    public void onStringMessage(DataChannel c, String message) {
                        echoed.add(BrowserMessage.text(message));
                    }

                    @Override
                    public void onBinaryMessage(DataChannel c, ByteBuffer message) {
                        byte[] b = new byte[message.remaining()];
                        message.get(b);
                        echoed.add(BrowserMessage.binary(b));
                    }
                });
            }).get(5, TimeUnit.SECONDS);
            BrowserDataChannel remote = browser.awaitRemoteChannel("from-java", WAIT);
            // Send only once the browser echoes: before echo() its channel collects what arrives.
            remote.echo();
            opened.get(WAIT.toSeconds(), TimeUnit.SECONDS); // DATA_CHANNEL_ACK may trail the browser's event
            java.eventLoop().submit(() -> {
                for (BrowserMessage m : sent) {
                    if (m.isBinary()) {
                        channel[0].send(m.data());
                    } else {
                        channel[0].send(m.text());
                    }
                }
            }).get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (echoed.size() < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(new ArrayList<>(echoed)).containsExactlyElementsOf(sent);
        } finally {
            java.close();
        }
    }
}
