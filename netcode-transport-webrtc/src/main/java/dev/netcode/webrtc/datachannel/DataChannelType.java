package dev.netcode.webrtc.datachannel;

import java.util.Optional;

/**
 * The Channel Type byte of DATA_CHANNEL_OPEN (RFC 8832 §5.1, registry in §8): the high bit says
 * unordered, the low bits the reliability.
 *
 * <pre>
 *   0x00 DATA_CHANNEL_RELIABLE                          ordered,   reliable
 *   0x80 DATA_CHANNEL_RELIABLE_UNORDERED                unordered, reliable
 *   0x01 DATA_CHANNEL_PARTIAL_RELIABLE_REXMIT           ordered,   at most N retransmissions
 *   0x81 DATA_CHANNEL_PARTIAL_RELIABLE_REXMIT_UNORDERED unordered, at most N retransmissions
 *   0x02 DATA_CHANNEL_PARTIAL_RELIABLE_TIMED            ordered,   retransmit for N ms
 *   0x82 DATA_CHANNEL_PARTIAL_RELIABLE_TIMED_UNORDERED  unordered, retransmit for N ms
 * </pre>
 *
 * The reliability parameter of the OPEN message is N for the REXMIT and TIMED types and 0 for
 * the reliable ones.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A partially reliable channel with N = 0 is still a "channel type 0x01/0x81" channel: the
 *       SCTP sender must abandon a lost message at once (PR-SCTP, RFC 3758) rather than treat 0 as
 *       "no limit".</li>
 *   <li>Other values of the byte are not in the registry; {@link #fromCode} returns empty and the
 *       decoder reports {@link DcepException.Kind#UNKNOWN_CHANNEL_TYPE}.</li>
 * </ul>
 */
public enum DataChannelType {
    RELIABLE(0x00),
    RELIABLE_UNORDERED(0x80),
    PARTIAL_RELIABLE_REXMIT(0x01),
    PARTIAL_RELIABLE_REXMIT_UNORDERED(0x81),
    PARTIAL_RELIABLE_TIMED(0x02),
    PARTIAL_RELIABLE_TIMED_UNORDERED(0x82);

    private static final int UNORDERED_BIT = 0x80;

    private final int code;

    DataChannelType(int code) {
        this.code = code;
    }

    /** The wire byte. */
    public int code() {
        return code;
    }

    public boolean isOrdered() {
        return (code & UNORDERED_BIT) == 0;
    }

    /** Fully reliable (no reliability parameter). */
    public boolean isReliable() {
        return (code & 0x7f) == 0x00;
    }

    /** Limited by a number of retransmissions (W3C {@code maxRetransmits}). */
    public boolean isRetransmitLimited() {
        return (code & 0x7f) == 0x01;
    }

    /** Limited by a lifetime in ms (W3C {@code maxPacketLifeTime}). */
    public boolean isTimeLimited() {
        return (code & 0x7f) == 0x02;
    }

    /** The type for a wire byte, or empty for an unregistered one. */
    public static Optional<DataChannelType> fromCode(int code) {
        for (DataChannelType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type for W3C-style options; at most one of the two limits may be set. */
    public static DataChannelType of(boolean ordered, boolean retransmitLimited, boolean timeLimited) {
        if (retransmitLimited && timeLimited) {
            throw new IllegalArgumentException("a channel is limited by retransmissions or by time, not both");
        }
        int low = retransmitLimited ? 0x01 : timeLimited ? 0x02 : 0x00;
        return fromCode(low | (ordered ? 0 : UNORDERED_BIT)).orElseThrow();
    }
}
