package dev.netcode.core.transport;

/** A send on a connection that is already closed (locally or by the peer). */
public final class TransportClosedException extends TransportException {
    public TransportClosedException(String message) {
        super(message);
    }
}
