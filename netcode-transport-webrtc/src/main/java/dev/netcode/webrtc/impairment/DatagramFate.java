package dev.netcode.webrtc.impairment;

/**
 * What happens to one datagram, decided by {@link FateGenerator}.
 *
 * @param drop discard it (the other fields are then irrelevant)
 * @param duplicate send a second copy right after it
 * @param reorder hold it back behind the next datagram of the same direction
 * @param delayNanos one-way delay before it may leave
 */
public record DatagramFate(boolean drop, boolean duplicate, boolean reorder, long delayNanos) {

    /** Forward unchanged, now. */
    public static final DatagramFate PASS = new DatagramFate(false, false, false, 0);
}
