package dev.netcode.webrtc.datachannel;

/**
 * SCTP Payload Protocol Identifiers of WebRTC data channels (RFC 8831 §8, IANA "SCTP Payload
 * Protocol Identifiers"). Every SCTP user message on a data channel's stream carries one; it tells
 * DCEP from data and string from binary.
 *
 * <pre>
 *   50  WebRTC DCEP                     DATA_CHANNEL_OPEN / ACK (RFC 8832)
 *   51  WebRTC String                   UTF-8 text
 *   52  WebRTC Binary Partial           deprecated (RFC 8831 §6.6): never send; reassemble if received
 *   53  WebRTC Binary                   bytes
 *   54  WebRTC String Partial           deprecated (RFC 8831 §6.6): never send; reassemble if received
 *   56  WebRTC String Empty             an empty string, sent as one 0x00 byte
 *   57  WebRTC Binary Empty             an empty binary message, sent as one 0x00 byte
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>SCTP cannot send an empty user message (RFC 8831 §6.6): an empty message goes out as one
 *       byte with PPID 56 or 57, and the receiver must deliver it as empty, ignoring that byte.
 *       {@link #forMessage} and {@link #payloadLengthBytes} do this.</li>
 *   <li>PPIDs are written in network byte order in the DATA chunk like any other field; the
 *       constants here are the plain numbers.</li>
 * </ul>
 */
public final class Ppid {
    public static final int DCEP = 50;
    public static final int STRING = 51;
    /** Deprecated by RFC 8831 §6.6; accepted on receive only. */
    public static final int BINARY_PARTIAL = 52;
    public static final int BINARY = 53;
    /** Deprecated by RFC 8831 §6.6; accepted on receive only. */
    public static final int STRING_PARTIAL = 54;
    public static final int STRING_EMPTY = 56;
    public static final int BINARY_EMPTY = 57;
    /** The SCTP payload size of an empty message (RFC 8831 §6.6). */
    public static final int EMPTY_MESSAGE_PAYLOAD_BYTES = 1;

    private Ppid() {
    }

    /** The PPID to send a message of {@code lengthBytes} bytes with. */
    public static int forMessage(boolean binary, int lengthBytes) {
        if (lengthBytes < 0) {
            throw new IllegalArgumentException("lengthBytes must be >= 0, got " + lengthBytes);
        }
        if (binary) {
            return lengthBytes == 0 ? BINARY_EMPTY : BINARY;
        }
        return lengthBytes == 0 ? STRING_EMPTY : STRING;
    }

    /** Bytes SCTP carries for a message of {@code lengthBytes}: 1 for an empty message. */
    public static int payloadLengthBytes(int lengthBytes) {
        return lengthBytes == 0 ? EMPTY_MESSAGE_PAYLOAD_BYTES : lengthBytes;
    }

    /** 51, 54 or 56: deliver as text. */
    public static boolean isString(int ppid) {
        return ppid == STRING || ppid == STRING_PARTIAL || ppid == STRING_EMPTY;
    }

    /** 52, 53 or 57: deliver as bytes. */
    public static boolean isBinary(int ppid) {
        return ppid == BINARY || ppid == BINARY_PARTIAL || ppid == BINARY_EMPTY;
    }

    /** 56 or 57: the payload byte is padding; deliver an empty message. */
    public static boolean isEmpty(int ppid) {
        return ppid == STRING_EMPTY || ppid == BINARY_EMPTY;
    }

    /** 52 or 54: a fragment of a message split by an old sender; more follow. */
    public static boolean isPartial(int ppid) {
        return ppid == STRING_PARTIAL || ppid == BINARY_PARTIAL;
    }

    /** One of the PPIDs above. */
    public static boolean isKnown(int ppid) {
        return ppid == DCEP || isString(ppid) || isBinary(ppid);
    }

    /** A name for logs, e.g. {@code "53 (binary)"}. */
    public static String describe(int ppid) {
        String name;
        switch (ppid) {
            case DCEP: name = "dcep"; break;
            case STRING: name = "string"; break;
            case BINARY_PARTIAL: name = "binary partial (deprecated)"; break;
            case BINARY: name = "binary"; break;
            case STRING_PARTIAL: name = "string partial (deprecated)"; break;
            case STRING_EMPTY: name = "empty string"; break;
            case BINARY_EMPTY: name = "empty binary"; break;
            default: name = "unknown"; break;
        }
        return Integer.toUnsignedString(ppid) + " (" + name + ")";
    }
}
