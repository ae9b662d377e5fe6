package dev.netcode.core.snapshot;

/**
 * Limits shared by a {@link SnapshotSender} and the {@link SnapshotReceiver} on the other end; both
 * must use equal values (exchange them, or a hash of them, at connect).
 *
 * @param budgetBytes largest snapshot packet in bytes; 1,200 fits one datagram on any path. Lower it
 *                    by the bytes the channel adds in front of the snapshot.
 * @param idBits entity ids are in {@code [0, 2^idBits)}; 1 to 24. Senders keep one priority float per
 *               possible id, so 16 bits cost 256 KiB per client.
 * @param ringSize sent/received snapshots remembered as delta baselines, a power of two from 2 to 256.
 *                 A client whose newest ack is older than this gets a full state.
 * @param maxEntitiesPerPacket decoder bound on entities (and destroys) in one packet.
 */
public record SnapshotConfig(int budgetBytes, int idBits, int ringSize, int maxEntitiesPerPacket) {
    public static final SnapshotConfig DEFAULT = new SnapshotConfig(1200, 16, 64, 4096);

    public SnapshotConfig {
        if (budgetBytes < 16 || budgetBytes > 65_507) {
            throw new IllegalArgumentException("budgetBytes must be 16..65507: " + budgetBytes);
        }
        if (idBits < 1 || idBits > 24) {
            throw new IllegalArgumentException("idBits must be 1..24: " + idBits);
        }
        if (ringSize < 2 || ringSize > 256 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two in 2..256: " + ringSize);
        }
        if (maxEntitiesPerPacket < 1 || maxEntitiesPerPacket > (1 << 20)) {
            throw new IllegalArgumentException("maxEntitiesPerPacket must be 1..2^20: " + maxEntitiesPerPacket);
        }
    }

    public SnapshotConfig withBudgetBytes(int bytes) {
        return new SnapshotConfig(bytes, idBits, ringSize, maxEntitiesPerPacket);
    }

    public SnapshotConfig withRingSize(int size) {
        return new SnapshotConfig(budgetBytes, idBits, size, maxEntitiesPerPacket);
    }

    public SnapshotConfig withIdBits(int bits) {
        return new SnapshotConfig(budgetBytes, bits, ringSize, maxEntitiesPerPacket);
    }

    /** Bits of the baseline distance field in the header. */
    int distanceBits() {
        return Integer.numberOfTrailingZeros(ringSize);
    }
}
