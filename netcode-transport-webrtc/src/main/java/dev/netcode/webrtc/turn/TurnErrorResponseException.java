package dev.netcode.webrtc.turn;

/** Any other error response (e.g. 403 Forbidden, 437 Allocation Mismatch, 508 Insufficient Capacity). */
public final class TurnErrorResponseException extends TurnException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public TurnErrorResponseException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The STUN error code, 300..699. */
    public int code() {
        return code;
    }
}
