package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Arbitrary bytes fed into the receive path of an established DTLS session: nothing escapes
 * {@link DtlsEndpoint#receive}, and the session stays connected and keeps carrying data.
 */
class DtlsRecordFuzzTest {
    private static final DtlsHandshakeExecutor EXECUTOR = DtlsHandshakeExecutor.create(2, 8);
    private static final DtlsPair PAIR = connectedPair();
    private static long inputs;

    private static DtlsPair connectedPair() {
        DtlsPair pair = new DtlsPair(1, DtlsRole.CLIENT, DtlsConfig.defaults(), EXECUTOR);
        pair.start();
        try {
            pair.listenerA.connected.get(60, TimeUnit.SECONDS);
            pair.listenerB.connected.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not establish the DTLS session to fuzz", e);
        }
        return pair;
    }

    @FuzzTest(maxDuration = "15s")
    void hostileDatagramsNeverKillTheSession(byte[] input) throws InterruptedException {
        // Odd first byte: raw bytes. Even: the rest framed as well-formed DTLS records, so that the
        // fuzzer spends its time inside BouncyCastle's record processing rather than in our filter.
        byte[] datagram = input.length > 0 && (input[0] & 1) == 0 ? framedAsRecords(input) : input;
        // Both roles: the server keeps epoch-0 retransmission state the client does not.
        PAIR.b.receive(ByteBuffer.wrap(datagram));
        PAIR.a.receive(ByteBuffer.wrap(datagram));
        assertThat(PAIR.b.state()).isEqualTo(DtlsState.CONNECTED);
        assertThat(PAIR.a.state()).isEqualTo(DtlsState.CONNECTED);
        PAIR.listenerB.received.clear();
        PAIR.listenerA.received.clear();
        if (++inputs % 1000 == 0) {
            // The session still works end to end, in both directions.
            PAIR.a.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            PAIR.b.send(ByteBuffer.wrap(new byte[] {4, 5}));
            assertThat(PAIR.listenerB.received.poll(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
            assertThat(PAIR.listenerA.received.poll(10, TimeUnit.SECONDS)).containsExactly(4, 5);
        }
    }

    /**
     * Input after the first byte as records: each starts with a 3-byte control (content type
     * 20..24, epoch 0..2, fragment length up to 255) and the fuzzer's sequence bytes, followed by
     * the fragment, with header fields made consistent (RFC 6347 §4.1).
     */
    private static byte[] framedAsRecords(byte[] input) {
        ByteBuffer out = ByteBuffer.allocate(input.length * 3 + 64);
        int i = 1;
        while (i + 3 <= input.length && out.remaining() > 13 + 255) {
            int type = 20 + (input[i] & 0xff) % 5;
            int epoch = (input[i + 1] & 0xff) % 3;
            int length = Math.min(input[i + 2] & 0xff, input.length - (i + 3));
            i += 3;
            out.put((byte) type).put((byte) 254).put((byte) 253).putShort((short) epoch);
            out.putShort((short) 0).putInt(i); // sequence number: varies with position
            out.putShort((short) length);
            out.put(input, i, length);
            i += length;
        }
        out.flip();
        byte[] framed = new byte[out.remaining()];
        out.get(framed);
        return framed;
    }
}
