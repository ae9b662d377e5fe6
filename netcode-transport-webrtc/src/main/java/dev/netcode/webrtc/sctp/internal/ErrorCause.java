package dev.netcode.webrtc.sctp.internal;

import java.nio.charset.StandardCharsets;

/**
 * An error cause (RFC 9260 §3.3.10) carried by ABORT and ERROR chunks.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Cause Code          |         Cause Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    Cause-Specific Information                 /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ErrorCause(int code, byte[] info) {
    public static final int INVALID_STREAM_IDENTIFIER = 1;
    public static final int STALE_COOKIE = 3;
    public static final int UNRECOGNIZED_CHUNK_TYPE = 6;
    public static final int NO_USER_DATA = 9;
    public static final int USER_INITIATED_ABORT = 12;
    public static final int PROTOCOL_VIOLATION = 13;

    /** A cause whose information is a UTF-8 text (User-Initiated Abort, Protocol Violation). */
    public static ErrorCause text(int code, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        // Keep causes small: they travel in one packet together with other chunks.
        if (b.length > 200) {
            b = java.util.Arrays.copyOf(b, 200);
        }
        return new ErrorCause(code, b);
    }

    int paddedLengthBytes() {
        return Codec.pad4(4 + info.length);
    }

    /** Human-readable form for logs and exceptions. */
    public String describe() {
        String name = switch (code) {
            case INVALID_STREAM_IDENTIFIER -> "Invalid Stream Identifier";
            case STALE_COOKIE -> "Stale Cookie";
            case UNRECOGNIZED_CHUNK_TYPE -> "Unrecognized Chunk Type";
            case NO_USER_DATA -> "No User Data";
            case USER_INITIATED_ABORT -> "User-Initiated Abort";
            case PROTOCOL_VIOLATION -> "Protocol Violation";
            default -> "cause " + code;
        };
        if ((code == USER_INITIATED_ABORT || code == PROTOCOL_VIOLATION) && info.length > 0) {
            String text = new String(info, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
            return name + ": " + text.substring(0, Math.min(120, text.length()));
        }
        return name;
    }
}
