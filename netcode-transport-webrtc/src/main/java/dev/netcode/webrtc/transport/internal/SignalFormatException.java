package dev.netcode.webrtc.transport.internal;

/** A signaling payload that is not a well-formed {@link Signal}. */
public final class SignalFormatException extends Exception {
    public SignalFormatException(String message) {
        super(message);
    }
}
