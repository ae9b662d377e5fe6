package dev.netcode.core.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Collection;
import java.util.Map;

/**
 * Kryo's collection, map and object-array serializers with the announced size checked against the
 * bytes left in the message before the container is allocated (see {@link BoundedInput}).
 * Installed as default serializers on every Kryo a {@code MessageRegistry} creates.
 */
public final class BoundedSerializers {
    private BoundedSerializers() {}

    public static void install(Kryo kryo) {
        kryo.addDefaultSerializer(Collection.class, BoundedCollectionSerializer.class);
        kryo.addDefaultSerializer(Map.class, BoundedMapSerializer.class);
    }

    static void checkSize(Input input, int size, int minBytesEach) {
        if (input instanceof BoundedInput bounded) {
            bounded.checkCount(size, minBytesEach);
        } else if (size < 0) {
            throw new KryoException("negative size " + size);
        }
    }

    /** Collections: every element takes at least one byte. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class BoundedCollectionSerializer extends CollectionSerializer {
        @Override
        protected Collection create(Kryo kryo, Input input, Class type, int size) {
            checkSize(input, size, 1);
            return super.create(kryo, input, type, size);
        }
    }

    /** Maps: every entry takes at least two bytes (key and value). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class BoundedMapSerializer extends MapSerializer {
        @Override
        protected Map create(Kryo kryo, Input input, Class type, int size) {
            checkSize(input, size, 2);
            return super.create(kryo, input, type, size);
        }
    }

    /** Object arrays: the length prefix is peeked and bounded before the array is allocated. */
    public static final class BoundedObjectArraySerializer extends ObjectArraySerializer {
        public BoundedObjectArraySerializer(Kryo kryo, Class<?> type) {
            super(kryo, type);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Object[] read(Kryo kryo, Input input, Class type) {
            int start = input.position();
            int lengthPlusOne = input.readVarInt(true);
            input.setPosition(start);
            if (lengthPlusOne < 0) {
                // Kryo subtracts one: a negative prefix would wrap to Integer.MAX_VALUE.
                throw new KryoException("negative array length prefix " + lengthPlusOne);
            }
            if (lengthPlusOne > 1) {
                checkSize(input, lengthPlusOne - 1, 1);
            }
            return super.read(kryo, input, type);
        }
    }
}
