package dev.netcode.core.snapshot;

/**
 * Thrown by {@link BitWriter} when a write does not fit in the remaining capacity.
 *
 * <p>This is a local programming or budgeting error, not hostile input: encoders that work to a byte
 * budget check {@link BitWriter#bitsRemaining()} before writing, so seeing this means a budget
 * computation is wrong.
 */
public class BitOverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BitOverflowException(String message) {
        super(message);
    }
}
