package dev.netcode.core.snapshot;

/**
 * Thrown when bytes received from a peer are not a well-formed bit stream or snapshot: a read past
 * the end, a value out of its declared range, an unknown entity type, an id out of bounds, a count
 * over a limit.
 *
 * <p>This is the only exception the decoding side ({@link BitReader}, {@link SnapshotReceiver})
 * lets escape for hostile input. The right reaction is to drop the packet (and count it); it never
 * means the local state is corrupt, because decoding works on a copy until the packet is accepted.
 */
public class SnapshotFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(String message) {
        super(message);
    }
}
