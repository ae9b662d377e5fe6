package dev.netcode.webrtc.turn;

/** 486 Allocation Quota Reached (RFC 8656 §7.2): this user holds as many allocations as the server allows. */
public final class TurnAllocationQuotaException extends TurnException {
    private static final long serialVersionUID = 1L;

    public TurnAllocationQuotaException(String message) {
        super(message);
    }
}
