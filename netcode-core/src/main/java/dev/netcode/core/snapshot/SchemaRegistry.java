package dev.netcode.core.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The entity types of a game, in order: the index of a schema is the type id on the wire.
 *
 * <p>Both ends build the registry from the same code. {@link #fingerprint()} hashes every type's
 * name, field names, kinds and parameters (FNV-1a 64) so a handshake can refuse a peer whose
 * schemas differ instead of decoding garbage.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Order matters: appending a type keeps the ids of the others, inserting one shifts them.</li>
 * </ul>
 */
public final class SchemaRegistry {
    /** Upper bound on types, so a type id costs at most 10 bits and a decoder bound is fixed. */
    public static final int MAX_TYPES = 1024;

    private final List<EntitySchema> schemas;
    private final int typeBits;
    private final long fingerprint;

    public SchemaRegistry(List<EntitySchema> schemas) {
        if (schemas.isEmpty() || schemas.size() > MAX_TYPES) {
            throw new IllegalArgumentException("need 1.." + MAX_TYPES + " schemas, got " + schemas.size());
        }
        this.schemas = List.copyOf(schemas);
        this.typeBits = BitWriter.bitsFor(schemas.size() - 1);
        long h = 0xcbf29ce484222325L;
        for (EntitySchema s : this.schemas) {
            for (byte b : s.describe().getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
        }
        this.fingerprint = h;
    }

    public static SchemaRegistry of(EntitySchema... schemas) {
        return new SchemaRegistry(List.of(schemas));
    }

    public int size() {
        return schemas.size();
    }

    public EntitySchema schema(int typeId) {
        return schemas.get(typeId);
    }

    /** The type id of {@code schema} (identity), or -1. */
    public int typeId(EntitySchema schema) {
        for (int i = 0; i < schemas.size(); i++) {
            if (schemas.get(i) == schema) {
                return i;
            }
        }
        return -1;
    }

    /** Bits a type id takes on the wire (0 when there is one type). */
    public int typeBits() {
        return typeBits;
    }

    public long fingerprint() {
        return fingerprint;
    }
}
