package dev.netcode.core.prediction;

/** An {@link InputPacket} from a client that breaks a bound (too many inputs, ticks out of range, wrong type). */
public final class InputPacketException extends Exception {
    public InputPacketException(String message) {
        super(message);
    }
}
