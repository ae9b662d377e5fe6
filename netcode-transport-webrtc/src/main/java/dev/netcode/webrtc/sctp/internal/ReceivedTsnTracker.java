package dev.netcode.webrtc.sctp.internal;

/**
 * Receiver-side TSN bookkeeping (RFC 9260 §6.2): the cumulative TSN, which TSNs above it have
 * arrived (for gap-ack blocks), and duplicates to report in the next SACK.
 *
 * <p>Arrivals above the cumulative TSN live in a ring bitmap of at most {@link #WINDOW_TSNS} bits,
 * so tracking is bounded: a TSN further ahead than the window is refused (the sender's rwnd keeps a
 * compliant peer far inside it). The bitmap starts at {@link #INITIAL_WINDOW_TSNS} bits (a game
 * connection's gaps are a few TSNs wide) and doubles only when a gap spans more, up to the limit;
 * it shrinks back once every gap is closed, so a host with hundreds of associations does not keep
 * a 4 KiB bitmap per association for bulk transfers that never happen. Steady state allocates
 * nothing.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Gap block offsets are 16-bit, which is why the window is smaller than 65,536.</li>
 *   <li>Duplicates are capped per SACK ({@link #MAX_DUPLICATES}); RFC 9260 allows dropping the
 *       rest.</li>
 * </ul>
 */
public final class ReceivedTsnTracker {
    /** TSNs above the cumulative ack that can be tracked. */
    public static final int WINDOW_TSNS = 32_768;
    static final int MAX_DUPLICATES = 32;
    static final int MAX_GAP_BLOCKS = 64;
    /** Bitmap size an association starts (and, with no gaps, ends up again) with. */
    static final int INITIAL_WINDOW_TSNS = 256;

    /** Result of {@link #observe}. */
    public enum Arrival { NEW, DUPLICATE, OUT_OF_WINDOW }

    /** Ring bitmap, a power-of-two number of bits; every tracked TSN lies in (cumulative, highest]. */
    private long[] bits = new long[INITIAL_WINDOW_TSNS / 64];
    private int cumulativeTsn;
    private int highestTsn;
    private final int[] duplicates = new int[MAX_DUPLICATES];
    private final int[] gapScratchStarts = new int[MAX_GAP_BLOCKS];
    private final int[] gapScratchEnds = new int[MAX_GAP_BLOCKS];
    private final SackChunk sackScratch = SackChunk.scratch();
    private int duplicateCount;

    /** @param peerInitialTsn the peer's initial TSN from INIT / INIT ACK */
    public ReceivedTsnTracker(int peerInitialTsn) {
        cumulativeTsn = peerInitialTsn - 1;
        highestTsn = cumulativeTsn;
    }

    public int cumulativeTsn() {
        return cumulativeTsn;
    }

    /** True when TSNs above the cumulative TSN were received (there is at least one gap). */
    public boolean hasGaps() {
        return highestTsn != cumulativeTsn;
    }

    public boolean hasDuplicates() {
        return duplicateCount > 0;
    }

    /** Whether {@code tsn} (not yet observed) is inside the acceptance window. */
    public boolean inWindow(int tsn) {
        int d = tsn - cumulativeTsn;
        return d > 0 && d <= WINDOW_TSNS;
    }

    /** Whether {@code tsn} was already received (cumulatively or in a gap block). */
    public boolean isReceived(int tsn) {
        if (Serial.le(tsn, cumulativeTsn)) {
            return true;
        }
        return inWindow(tsn) && get(tsn);
    }

    /** Records an arriving DATA TSN. */
    public Arrival observe(int tsn) {
        if (isReceived(tsn)) {
            if (duplicateCount < MAX_DUPLICATES) {
                duplicates[duplicateCount++] = tsn;
            }
            return Arrival.DUPLICATE;
        }
        if (!inWindow(tsn)) {
            return Arrival.OUT_OF_WINDOW;
        }
        ensureCapacity(tsn - cumulativeTsn);
        set(tsn);
        if (Serial.gt(tsn, highestTsn)) {
            highestTsn = tsn;
        }
        advance();
        return Arrival.NEW;
    }

    /**
     * FORWARD TSN (RFC 3758 §3.6): treat everything up to {@code newCumulativeTsn} as received.
     *
     * @return true if the cumulative TSN moved
     */
    public boolean forwardTo(int newCumulativeTsn) {
        if (Serial.le(newCumulativeTsn, cumulativeTsn)) {
            return false;
        }
        if (newCumulativeTsn - cumulativeTsn >= capacityTsns()) {
            // Far jump: everything tracked lies below the new cumulative TSN, clear it wholesale.
            java.util.Arrays.fill(bits, 0L);
            cumulativeTsn = newCumulativeTsn;
        } else {
            while (cumulativeTsn != newCumulativeTsn) {
                cumulativeTsn++;
                clear(cumulativeTsn);
            }
        }
        if (Serial.lt(highestTsn, cumulativeTsn)) {
            highestTsn = cumulativeTsn;
        }
        advance();
        return true;
    }

    private void advance() {
        while (cumulativeTsn != highestTsn && get(cumulativeTsn + 1)) {
            cumulativeTsn++;
            clear(cumulativeTsn);
        }
        if (cumulativeTsn == highestTsn && bits.length > INITIAL_WINDOW_TSNS / 64) {
            bits = new long[INITIAL_WINDOW_TSNS / 64]; // no gap left: nothing tracked, back to small
        }
    }

    /** Bits the bitmap currently holds (grows with the widest gap, at most {@link #WINDOW_TSNS}). */
    int capacityTsns() {
        return bits.length * 64;
    }

    /** Grows the ring so that offset {@code distance} above the cumulative TSN has its own bit. */
    private void ensureCapacity(int distance) {
        if (distance < capacityTsns() || capacityTsns() >= WINDOW_TSNS) {
            return; // at the limit an offset of exactly WINDOW_TSNS shares the (clear) bit of the cumulative TSN

        }
        int size = Math.min(WINDOW_TSNS, Integer.highestOneBit(distance) << 1);
        long[] old = bits;
        int oldMask = old.length * 64 - 1;
        bits = new long[size / 64];
        for (int offset = 1, span = highestTsn - cumulativeTsn; offset <= span; offset++) {
            int i = (cumulativeTsn + offset) & oldMask;
            if ((old[i >>> 6] & (1L << (i & 63))) != 0) {
                set(cumulativeTsn + offset);
            }
        }
    }

    /** Builds the SACK for the current state and forgets the reported duplicates. */
    public SackChunk buildSack(long aRwndBytes) {
        if (highestTsn == cumulativeTsn && duplicateCount == 0) {
            // The steady state: no gaps, no duplicates; reuse one instance (the SACK is encoded at once).
            return sackScratch.setCumulativeOnly(cumulativeTsn, aRwndBytes);
        }
        int blocks = 0;
        int[] starts = gapScratchStarts;
        int[] ends = gapScratchEnds;
        int span = highestTsn - cumulativeTsn;
        int offset = 1;
        while (offset <= span && blocks < MAX_GAP_BLOCKS) {
            while (offset <= span && !get(cumulativeTsn + offset)) {
                offset++;
            }
            if (offset > span) {
                break;
            }
            int start = offset;
            while (offset <= span && get(cumulativeTsn + offset)) {
                offset++;
            }
            starts[blocks] = start;
            ends[blocks] = offset - 1;
            blocks++;
        }
        int[] dups = java.util.Arrays.copyOf(duplicates, duplicateCount);
        duplicateCount = 0;
        return new SackChunk(cumulativeTsn, aRwndBytes, java.util.Arrays.copyOf(starts, blocks),
                java.util.Arrays.copyOf(ends, blocks), dups);
    }

    private boolean get(int tsn) {
        int i = tsn & (bits.length * 64 - 1);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(int tsn) {
        int i = tsn & (bits.length * 64 - 1);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(int tsn) {
        int i = tsn & (bits.length * 64 - 1);
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
