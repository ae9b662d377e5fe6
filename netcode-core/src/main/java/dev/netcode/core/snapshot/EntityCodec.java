package dev.netcode.core.snapshot;

import dev.netcode.core.snapshot.internal.WireCodes;

/**
 * One entity's payload, full or relative to a baseline state. Shared by sender and receiver; the
 * {@code *Bits} methods compute exactly what the {@code write*} methods write.
 *
 * <pre>
 * full:   type id (typeBits) | every slot at its width
 * delta:  per field: changed (1) | if changed and the field is not a single 1-bit slot:
 *                                  every slot of the field, relative-coded ({@link WireCodes})
 * </pre>
 */
final class EntityCodec {
    private EntityCodec() {
    }

    static int fullBits(EntitySchema schema, int typeBits) {
        return typeBits + schema.fullStateBits();
    }

    static void writeFull(BitWriter w, int typeId, int typeBits, EntitySchema schema, int[] data, int offset) {
        w.writeBits(typeId, typeBits);
        for (int s = 0; s < schema.slotCount(); s++) {
            w.writeBits(data[offset + s], schema.slotBits(s));
        }
    }

    static void readFull(BitReader r, EntitySchema schema, int[] out) {
        for (int s = 0; s < schema.slotCount(); s++) {
            out[s] = r.readBits(schema.slotBits(s));
        }
    }

    private static boolean isFlag(EntitySchema.Field f) {
        return f.slotCount() == 1 && f.slotBits(0) == 1;
    }

    static int deltaBits(EntitySchema schema, int[] base, int baseOffset, int[] data, int offset) {
        int bits = 0;
        for (EntitySchema.Field f : schema.fields()) {
            bits++;
            int first = f.firstSlot();
            if (!changed(f, base, baseOffset, data, offset) || isFlag(f)) {
                continue;
            }
            for (int s = 0; s < f.slotCount(); s++) {
                bits += WireCodes.slotDeltaBits(base[baseOffset + first + s], data[offset + first + s], f.slotBits(s));
            }
        }
        return bits;
    }

    static void writeDelta(BitWriter w, EntitySchema schema, int[] base, int baseOffset, int[] data, int offset) {
        for (EntitySchema.Field f : schema.fields()) {
            int first = f.firstSlot();
            boolean changed = changed(f, base, baseOffset, data, offset);
            w.writeBool(changed);
            if (!changed || isFlag(f)) {
                continue;
            }
            for (int s = 0; s < f.slotCount(); s++) {
                WireCodes.writeSlotDelta(w, base[baseOffset + first + s], data[offset + first + s], f.slotBits(s));
            }
        }
    }

    static void readDelta(BitReader r, EntitySchema schema, int[] base, int baseOffset, int[] out) {
        for (EntitySchema.Field f : schema.fields()) {
            int first = f.firstSlot();
            boolean changed = r.readBool();
            if (!changed) {
                for (int s = 0; s < f.slotCount(); s++) {
                    out[first + s] = base[baseOffset + first + s];
                }
            } else if (isFlag(f)) {
                out[first] = base[baseOffset + first] ^ 1;
            } else {
                for (int s = 0; s < f.slotCount(); s++) {
                    out[first + s] = WireCodes.readSlotDelta(r, base[baseOffset + first + s], f.slotBits(s));
                }
            }
        }
    }

    private static boolean changed(EntitySchema.Field f, int[] base, int baseOffset, int[] data, int offset) {
        int first = f.firstSlot();
        for (int s = 0; s < f.slotCount(); s++) {
            if (base[baseOffset + first + s] != data[offset + first + s]) {
                return true;
            }
        }
        return false;
    }

    static boolean sameState(int[] a, int aOffset, int[] b, int bOffset, int slots) {
        for (int s = 0; s < slots; s++) {
            if (a[aOffset + s] != b[bOffset + s]) {
                return false;
            }
        }
        return true;
    }
}
