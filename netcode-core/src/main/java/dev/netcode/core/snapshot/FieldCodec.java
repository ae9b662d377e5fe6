package dev.netcode.core.snapshot;

/**
 * A custom replicated field: converts a game value to and from a fixed number of integer slots of
 * declared bit widths. Use it for what the built-in field kinds of {@link EntitySchema.Builder} do
 * not cover (an enum set, a packed color, a small inventory).
 *
 * <p>The snapshot encoder never sees {@code T}: it compares and delta-encodes the slots, so two
 * values that encode to the same slots are "unchanged" on the wire.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #encode} must write every slot with a value in {@code [0, 2^slotBits(i))};
 *       {@link Snapshot.Builder#add} rejects anything else.</li>
 *   <li>{@link #decode} receives slots from the network that are in range but otherwise arbitrary:
 *       it must not throw for any in-range combination (return a sane default instead).</li>
 * </ul>
 *
 * @param <T> the game-side value type
 */
public interface FieldCodec<T> {
    int slotCount();

    /** Width of slot {@code i} in bits, 1 to 31. */
    int slotBits(int slot);

    void encode(T value, int[] slots, int offset);

    T decode(int[] slots, int offset);
}
