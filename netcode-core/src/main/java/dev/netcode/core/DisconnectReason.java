package dev.netcode.core;

/**
 * Why a connection ended; passed to {@link NetListener#disconnected}. Details (for example which
 * registration differs) are in {@link Connection#disconnectDetail()}.
 *
 * <p>Handshake failures are reported on <em>both</em> sides with the same reason: the side that
 * detects the problem tells the other before closing.
 */
public enum DisconnectReason {
    /** This side called {@code close()} / {@code disconnect()}. */
    CLOSED(1),
    /** The peer closed the connection in an orderly way. */
    PEER_CLOSED(2),
    /** The server kicked the client ({@link Connection#kick(String)}); reported on both sides. */
    KICKED(3),
    /** Nothing was heard from the peer within {@link NetConfig#timeoutMs()} (or the handshake did not finish in time). */
    TIMEOUT(4),
    /** The peers speak different netcode protocol versions. */
    VERSION_MISMATCH(5),
    /** The peers were configured with different {@link NetConfig#applicationId()}s. */
    APPLICATION_MISMATCH(6),
    /** The peers registered different message classes; the detail names the first difference. */
    REGISTRATION_MISMATCH(7),
    /** The server has {@link NetConfig#maxConnections()} connections already. */
    SERVER_FULL(8),
    /** The peer sent bytes that are not a valid message (malformed, unregistered class, trailing bytes). */
    PROTOCOL_ERROR(9),
    /** This side's game did not call {@code update()} often enough and reliable messages would have been lost. */
    RECEIVE_QUEUE_FULL(10),
    /** The transport connection closed without an orderly goodbye (peer crashed, link failed). */
    TRANSPORT_CLOSED(11),
    /** The transport could not open a connection at all. */
    CONNECT_FAILED(12);

    private final int wireCode;

    DisconnectReason(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The code sent in a goodbye message; stable across versions. */
    public int wireCode() {
        return wireCode;
    }

    /** The reason a peer reports for a goodbye carrying {@code code}; unknown codes read as {@link #PEER_CLOSED}. */
    public static DisconnectReason fromPeerCode(int code) {
        for (DisconnectReason r : values()) {
            if (r.wireCode == code) {
                return r == CLOSED ? PEER_CLOSED : r;
            }
        }
        return PEER_CLOSED;
    }
}
