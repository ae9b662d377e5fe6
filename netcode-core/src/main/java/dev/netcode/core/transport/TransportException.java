package dev.netcode.core.transport;

/** Base of the typed failures a {@link TransportConnection} reports. Unchecked: most are programming or flow-control conditions a caller handles by type. */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
