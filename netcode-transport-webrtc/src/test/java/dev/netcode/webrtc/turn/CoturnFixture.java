package dev.netcode.webrtc.turn;

import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionListener;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the TURN tests against a real coturn share: one coturn process and one Netty event loop
 * group per test class, and the echo helpers of their DataChannel checks.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>coturn missing: {@link CoturnProcess#requireBinary()} fails the class when CI=true and
 *       skips it otherwise.</li>
 *   <li>The fields are static (one coturn per class): a test that must stop a TURN server starts
 *       its own ({@link CoturnProcess#start}).</li>
 * </ul>
 */
abstract class CoturnFixture {
    static EventLoopGroup group;
    static CoturnProcess coturn;

    @BeforeAll
    static void startCoturn() throws Exception {
        CoturnProcess.requireBinary();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        coturn = CoturnProcess.start();
    }

    @AfterAll
    static void stopCoturn() throws Exception {
        if (coturn != null) {
            coturn.close();
            coturn = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }

    /** Makes {@code pc} echo every binary message on every channel the other side opens. */
    static void echoEveryChannel(PeerConnection pc) {
        pc.addListener(new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                channel.setListener(new DataChannelListener() {
                    @Override
                    public void onBinaryMessage(DataChannel c, ByteBuffer message) {
                        c.send(message);
                    }
                });
            }
        });
    }

    /**
     * Opens a reliable ordered channel {@code label} on {@code pc} that sends {@code count} seeded
     * random messages and checks their echoes ({@link RelayEcho}, at most {@code window} unanswered).
     */
    static RelayEcho openEcho(PeerConnection pc, String label, Random random, int count, int window) throws Exception {
        RelayEcho echo = new RelayEcho(RelayEcho.messages(random, count), window);
        pc.eventLoop().submit(() -> pc.createDataChannel(label, DataChannelParameters.DEFAULT).setListener(echo))
                .get(5, TimeUnit.SECONDS);
        return echo;
    }

    /** The {@code a=candidate:} lines of an SDP (CRLF or LF line ends). */
    static List<String> candidateLines(String sdp) {
        List<String> lines = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=candidate:")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
