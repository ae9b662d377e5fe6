package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netcode.webrtc.sctp.SctpState;
import java.nio.ByteBuffer;

/**
 * Hostile inbound traffic at a {@link DataChannelManager} with live channels: sequences of
 * messages on chosen streams with chosen PPIDs (mostly DCEP) and arbitrary payloads, delivered as
 * the association delivers them. Nothing may escape (the manager reports problems as typed
 * {@link DataChannelException}s to the channel's {@code onError}); the association survives, every
 * listed channel is live, and the channel bound holds.
 *
 * <p>Input format, repeated: {@code streamId (1 byte, 0..15) | ppid selector (1 byte) | length (1
 * byte) | payload}.
 */
class DataChannelManagerFuzzTest {
    private static final int[] PPIDS = {Ppid.DCEP, Ppid.DCEP, Ppid.DCEP, Ppid.STRING, Ppid.BINARY,
        Ppid.STRING_EMPTY, Ppid.BINARY_EMPTY, Ppid.BINARY_PARTIAL, Ppid.STRING_PARTIAL, 0, 0x7fffffff};
    private static final int MAX_CHANNELS = 6;

    @FuzzTest(maxDuration = "15s")
    void inboundNeverFailsOtherwise(byte[] input) {
        ChannelPair.verbose = false;
        ChannelPair p = new ChannelPair(42, dev.netcode.webrtc.sctp.SctpConfig.builder()
                .remoteMaxMessageSizeBytes(262_144).build(), MAX_CHANNELS, MAX_CHANNELS).connect();
        DataChannel announced = p.a.createDataChannel("a", DataChannelParameters.DEFAULT);
        p.a.createDataChannel("n", DataChannelParameters.builder().negotiated(true).id(5).build());
        p.b.createDataChannel("b", DataChannelParameters.DEFAULT);
        p.run(() -> announced.readyState() == DataChannelState.OPEN && p.remoteOnA.size() == 1, 5_000);

        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.remaining() >= 3) {
            int streamId = (in.get() & 0xff) % 16;
            int ppid = PPIDS[(in.get() & 0xff) % PPIDS.length];
            int length = Math.min(in.get() & 0xff, in.remaining());
            byte[] payload = new byte[length];
            in.get(payload);
            p.a.onMessage(streamId, ppid, ByteBuffer.wrap(payload));
            p.clock.runFor(5);
        }
        p.clock.runFor(5_000);

        assertThat(p.sctpA.state()).isEqualTo(SctpState.ESTABLISHED);
        assertThat(p.a.channels().size()).isLessThanOrEqualTo(MAX_CHANNELS);
        for (DataChannel ch : p.a.channels()) {
            assertThat(ch.readyState()).isNotEqualTo(DataChannelState.CLOSED);
        }
        // The association still carries new channels.
        DataChannel after = p.b.createDataChannel("after", DataChannelParameters.DEFAULT);
        if (p.b.channels().size() <= MAX_CHANNELS && p.a.channels().size() < MAX_CHANNELS) {
            assertThat(p.run(() -> after.readyState() != DataChannelState.CONNECTING, 10_000)).isTrue();
        }
    }
}
