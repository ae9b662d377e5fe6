package dev.netcode.webrtc.dtls.internal;

/**
 * The anti-replay window of RFC 6347 §4.1.2.6 for one epoch: a record is fresh if its 48-bit
 * sequence number is above the highest seen so far, or inside the 64 numbers below it and not yet
 * marked.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Check with {@link #isFresh} before decrypting, and {@link #markReceived} only after the
 *       record authenticated: a forged record must not move the window (§4.1.2.6, last
 *       paragraph).</li>
 *   <li>Not thread-safe.</li>
 * </ul>
 */
public final class ReplayWindow {
    private static final int WIDTH = 64;
    /** Highest sequence number marked; -1 before the first. */
    private long highest = -1;
    /** Bit i set: sequence number {@code highest - i} was received. */
    private long bitmap;

    public boolean isFresh(long sequence) {
        if (sequence > highest) {
            return true;
        }
        long behind = highest - sequence;
        return behind < WIDTH && (bitmap & (1L << behind)) == 0;
    }

    public void markReceived(long sequence) {
        if (sequence > highest) {
            long shift = sequence - highest;
            bitmap = shift >= WIDTH ? 1L : (bitmap << shift) | 1L;
            highest = sequence;
        } else {
            long behind = highest - sequence;
            if (behind < WIDTH) {
                bitmap |= 1L << behind;
            }
        }
    }
}
