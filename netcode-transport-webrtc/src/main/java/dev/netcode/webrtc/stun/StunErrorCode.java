package dev.netcode.webrtc.stun;

import java.util.Objects;

/**
 * The value of an ERROR-CODE attribute (RFC 8489 §14.8): a code 300..699 and a UTF-8 reason phrase.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Reserved, should be 0         |Class|     Number    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      Reason Phrase (variable)                                ..
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StunErrorCode(int code, String reason) {
    public static final StunErrorCode BAD_REQUEST = new StunErrorCode(400, "Bad Request");
    public static final StunErrorCode UNAUTHENTICATED = new StunErrorCode(401, "Unauthenticated");
    public static final StunErrorCode UNKNOWN_ATTRIBUTE = new StunErrorCode(420, "Unknown Attribute");
    /** RFC 8445 §7.3.1.1: both agents claim the same role. */
    public static final StunErrorCode ROLE_CONFLICT = new StunErrorCode(487, "Role Conflict");
    public static final StunErrorCode SERVER_ERROR = new StunErrorCode(500, "Server Error");

    public StunErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error code must be 300..699: " + code);
        }
        Objects.requireNonNull(reason, "reason");
    }
}
