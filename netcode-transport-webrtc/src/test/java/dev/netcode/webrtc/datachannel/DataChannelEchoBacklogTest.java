package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.sctp.SctpConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DataChannelEcho} when its return path is narrower than the inbound one: echoes wait in
 * its bounded backlog and all come back in order, on every channel, with the same type; a backlog
 * above its bound closes only that channel.
 */
@Timeout(60)
class DataChannelEchoBacklogTest {

    private static ChannelPair narrowReturnPath(long seed) {
        SctpConfig config = SctpConfig.builder().remoteMaxMessageSizeBytes(262_144)
                .maxSendBufferBytes(512 * 1024).build();
        ChannelPair p = new ChannelPair(seed, config);
        p.bToA.bytesPerSecond = 500_000; // the echo's way back: 0.5 MB/s
        p.bToA.delayNanos = 10_000_000L;
        p.aToB.delayNanos = 10_000_000L;
        return p;
    }

    @Test
    void echoesThatDoNotFitWaitInTheBacklogAndAllComeBackInOrder() {
        ChannelPair p = narrowReturnPath(301).withEchoOnB().connect();
        List<DataChannel> channels = new ArrayList<>();
        List<RecordingChannelListener> heard = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            DataChannel ch = p.a.createDataChannel("echo" + c, DataChannelParameters.DEFAULT);
            RecordingChannelListener l = new RecordingChannelListener();
            ch.setListener(l);
            channels.add(ch);
            heard.add(l);
        }
        assertThat(p.run(() -> channels.stream().allMatch(c -> c.readyState() == DataChannelState.OPEN), 10_000))
                .isTrue();
        int perChannel = 40;
        long maxBacklog = 0;
        for (int i = 0; i < perChannel; i++) {
            for (DataChannel ch : channels) {
                p.run(() -> p.sctpA.totalBufferedAmount() < 256 * 1024, 10_000); // our own side is bounded too
                byte[] b = new byte[32 * 1024];
                b[0] = (byte) i;
                b[1] = (byte) ch.id();
                if (i % 2 == 0) {
                    ch.send(ByteBuffer.wrap(b));
                } else {
                    ch.send("m" + i + "/" + ch.id());
                }
            }
            p.clock.runFor(5);
            maxBacklog = Math.max(maxBacklog, p.echoB.backlogBytes());
        }
        assertThat(p.run(() -> heard.stream().allMatch(l -> l.messages.size() == perChannel), 60_000)).isTrue();
        System.out.printf("echo backlog: max %d bytes, %d echoed%n", maxBacklog, p.echoB.echoedMessages());
        assertThat(maxBacklog).as("the narrow return path made echoes wait").isPositive();
        assertThat(p.echoB.backlogBytes()).isZero();
        for (int c = 0; c < channels.size(); c++) {
            List<RecordingChannelListener.Message> got = heard.get(c).messages;
            int id = channels.get(c).id();
            for (int i = 0; i < perChannel; i++) {
                RecordingChannelListener.Message m = got.get(i);
                assertThat(m.binary()).isEqualTo(i % 2 == 0);
                if (m.binary()) {
                    assertThat(m.bytes()).hasSize(32 * 1024);
                    assertThat(m.bytes()[0]).isEqualTo((byte) i);
                    assertThat(m.bytes()[1]).isEqualTo((byte) id);
                } else {
                    assertThat(new String(m.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("m" + i + "/" + id);
                }
            }
        }
    }

    @Test
    void aBacklogAboveItsBoundClosesThatChannel() {
        ChannelPair p = narrowReturnPath(302);
        p.echoB = new DataChannelEcho(256 * 1024);
        p.connect();
        DataChannel flood = p.a.createDataChannel("flood", DataChannelParameters.DEFAULT);
        RecordingChannelListener l = new RecordingChannelListener();
        flood.setListener(l);
        assertThat(p.run(() -> flood.readyState() == DataChannelState.OPEN, 10_000)).isTrue();
        for (int i = 0; i < 100 && flood.readyState() == DataChannelState.OPEN; i++) {
            try {
                flood.send(new byte[64 * 1024]);
            } catch (DataChannelException e) {
                assertThat(e.kind()).isEqualTo(DataChannelException.Kind.SEND_BUFFER_FULL);
                p.clock.runFor(50);
            }
            p.clock.runFor(1);
        }
        assertThat(p.run(() -> flood.readyState() == DataChannelState.CLOSED, 60_000)).isTrue();
        assertThat(p.echoB.overflowedChannels()).isEqualTo(1);
        assertThat(p.echoB.backlogBytes()).isZero();
        assertThat(l.closes).isEqualTo(1);
    }
}
