package dev.netcode.webrtc.sctp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Borrowed delivery of {@link ReassemblyQueue}: what is lent, what is copied, what is kept. */
class ReassemblyQueueTest {
    private static final long SEED = 4242;

    private record Delivered(int streamId, int ppid, ByteBuffer buffer, byte[] bytes) {
    }

    private final List<Delivered> delivered = new ArrayList<>();
    private final ReassemblyQueue queue = new ReassemblyQueue(1 << 21, 256 * 1024,
            (stream, ppid, payload) -> {
                byte[] b = new byte[payload.remaining()];
                payload.duplicate().get(b);
                delivered.add(new Delivered(stream, ppid, payload, b));
            });
    private final Random random = new Random(SEED);
    private int tsn = 1000;

    private byte[] bytes(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** Adds {@code message} in fragments of at most {@code fragmentBytes}, ordered on stream 0. */
    private void addFragmented(byte[] message, int fragmentBytes, int ssn) {
        for (int at = 0; at < message.length; at += fragmentBytes) {
            int n = Math.min(fragmentBytes, message.length - at);
            int flags = (at == 0 ? DataChunk.FLAG_BEGIN : 0) | (at + n == message.length ? DataChunk.FLAG_END : 0);
            queue.add(new DataChunk(flags, tsn++, 0, ssn, 53, ByteBuffer.wrap(Arrays.copyOfRange(message, at, at + n))));
        }
    }

    @Test
    void smallFragmentedMessagesReuseOneAssemblyBufferAndLargeOnesAreNotKept() {
        System.out.println("seed=" + SEED);
        byte[] first = bytes(3000);
        byte[] second = bytes(2500);
        byte[] large1 = bytes(40_000);
        byte[] large2 = bytes(40_000);
        addFragmented(first, 1100, 0);
        addFragmented(second, 1100, 1);
        addFragmented(large1, 1100, 2);
        addFragmented(large2, 1100, 3);
        assertThat(delivered).extracting(Delivered::bytes).containsExactly(first, second, large1, large2);
        assertThat(delivered.get(1).buffer()).as("the assembly buffer is reused").isSameAs(delivered.get(0).buffer());
        assertThat(delivered.get(0).buffer().capacity()).isLessThanOrEqualTo(ReassemblyQueue.RETAINED_ASSEMBLY_BYTES);
        assertThat(delivered.get(2).buffer()).isNotSameAs(delivered.get(0).buffer());
        assertThat(delivered.get(3).buffer()).as("a large message's buffer is not kept").isNotSameAs(delivered.get(2).buffer());
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void aBorrowedOrderedMessageThatMustWaitIsCopied() {
        System.out.println("seed=" + SEED);
        byte[] m0 = bytes(100);
        byte[] m1 = bytes(100);
        byte[] m2 = bytes(100);
        ByteBuffer lent = ByteBuffer.allocate(100);
        // SSN 2 and 1 arrive before 0, each lent in the same (packet) buffer that is then overwritten.
        lent.clear();
        lent.put(m2).flip();
        queue.addComplete(0, 2, false, 53, lent);
        lent.clear();
        lent.put(m1).flip();
        queue.addComplete(0, 1, false, 53, lent);
        assertThat(delivered).isEmpty();
        assertThat(queue.bufferedBytes()).isEqualTo(2 * (100 + ReassemblyQueue.OVERHEAD_BYTES));
        lent.clear();
        lent.put(m0).flip();
        queue.addComplete(0, 0, false, 53, lent);
        assertThat(delivered).extracting(Delivered::bytes).containsExactly(m0, m1, m2);
        assertThat(delivered.get(0).buffer()).as("delivered at once: lent through, no copy").isSameAs(lent);
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void unorderedMessagesAreLentThroughWithoutACopy() {
        ByteBuffer lent = ByteBuffer.wrap(bytes(64));
        queue.addComplete(7, 0, true, 53, lent);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).buffer()).isSameAs(lent);
    }
}
