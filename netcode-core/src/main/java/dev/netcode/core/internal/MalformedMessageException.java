package dev.netcode.core.internal;

/** A peer sent bytes that do not decode as a netcode message. Checked: every decoder of remote input declares it. */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String message) {
        super(message);
    }
}
