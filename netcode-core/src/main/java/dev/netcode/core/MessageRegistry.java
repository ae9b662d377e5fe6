package dev.netcode.core;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import dev.netcode.core.internal.KryoCodec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The message classes both ends agree on, in registration order. Build one with the same calls on
 * client and server (typically in shared code):
 *
 * <pre>{@code
 * MessageRegistry registry = MessageRegistry.builder()
 *         .register(PlayerInput.class)
 *         .register(ChatLine.class)
 *         .register(float[].class)
 *         .build();
 * }</pre>
 *
 * <p>Registration is required: sending an unregistered class fails on the sending side instead of
 * writing class names on the wire. Classes get consecutive Kryo ids starting at {@link #FIRST_ID},
 * and the list is summarized by a {@link RegistrationFingerprint} that both ends compare at
 * connect; on a mismatch both sides are disconnected with
 * {@link DisconnectReason#REGISTRATION_MISMATCH} and a message naming the first differing entry.
 *
 * <p>Kryo is not thread-safe, so the registry never hands out a shared instance: every thread that
 * serializes or deserializes gets its own Kryo (and its own pooled buffers) on first use.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Order matters: {@code register(A).register(B)} and {@code register(B).register(A)} are
 *       different registries.</li>
 *   <li>Arrays and collections used as fields must be registered too ({@code float[].class},
 *       {@code ArrayList.class}).</li>
 *   <li>Received objects come from a remote peer. Length prefixes of arrays, strings, collections
 *       and maps are checked against the message size before allocation, but a custom
 *       {@link Serializer} you register must bound its own lengths.</li>
 *   <li>Nesting deeper than {@link #DEFAULT_MAX_DEPTH} objects fails to decode.</li>
 *   <li>Kryo's default field serializer writes decoded objects into fields without a type check
 *       ({@code Unsafe}): a field of a non-final type other than {@code Object} (an
 *       {@code Object[]}, an interface) lets a peer store an object of the wrong class there and
 *       crash the JVM when it is used. Give such classes an explicit serializer.</li>
 *   <li>Field changes without a class rename are not detected by the fingerprint; put a version in
 *       the application id ({@link NetConfig.Builder#applicationId}).</li>
 * </ul>
 */
public final class MessageRegistry {
    /** Kryo id of the first registered class; lower ids belong to Kryo's own default registrations. */
    public static final int FIRST_ID = 100;
    /**
     * Default Kryo nesting limit for decoding: hostile bytes can nest containers (an
     * {@code Object[]} in an {@code Object[]} ...) two bytes per level, and without a limit Kryo
     * recurses until a {@link StackOverflowError} escapes the decoder. Raise it with
     * {@link Builder#configureKryo} ({@code kryo.setMaxDepth(n)}) if your messages nest deeper.
     */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final List<Registration> registrations;
    private final RegistrationFingerprint fingerprint;
    private final ThreadLocal<KryoCodec> codecs;

    /** A class and optionally its serializer; {@code customizer} may configure Kryo further. */
    private record Registration(Class<?> type, Serializer<?> serializer) {}

    private MessageRegistry(List<Registration> registrations, Consumer<Kryo> customizer) {
        this.registrations = List.copyOf(registrations);
        List<RegistrationFingerprint.Entry> entries = new ArrayList<>();
        for (int i = 0; i < this.registrations.size(); i++) {
            entries.add(new RegistrationFingerprint.Entry(FIRST_ID + i, this.registrations.get(i).type().getName()));
        }
        this.fingerprint = new RegistrationFingerprint(entries);
        this.codecs = ThreadLocal.withInitial(() -> new KryoCodec(newKryo(customizer)));
    }

    public static Builder builder() {
        return new Builder();
    }

    public RegistrationFingerprint fingerprint() {
        return fingerprint;
    }

    /** The registered classes in id order. */
    public List<Class<?>> classes() {
        List<Class<?>> out = new ArrayList<>(registrations.size());
        for (Registration r : registrations) {
            out.add(r.type());
        }
        return out;
    }

    /**
     * A fresh Kryo configured with this registry (registration required, no references). Use it
     * from one thread only. Endpoints do not need this; it is for benchmarks and tools.
     */
    public Kryo newKryo() {
        return newKryo(null);
    }

    /** This thread's codec; internal to the endpoints. */
    public KryoCodec codecForCurrentThread() {
        return codecs.get();
    }

    private Kryo newKryo(Consumer<Kryo> customizer) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        // References cost a map lookup per object and allocate; messages are trees, not graphs.
        kryo.setReferences(false);
        kryo.setMaxDepth(DEFAULT_MAX_DEPTH);
        // Remote bytes decide container sizes: bound them by the message size before allocating.
        dev.netcode.core.internal.BoundedSerializers.install(kryo);
        for (int i = 0; i < registrations.size(); i++) {
            Registration r = registrations.get(i);
            if (r.serializer() != null) {
                kryo.register(r.type(), r.serializer(), FIRST_ID + i);
            } else if (r.type().isArray() && !r.type().getComponentType().isPrimitive()) {
                kryo.register(r.type(), new dev.netcode.core.internal.BoundedSerializers.BoundedObjectArraySerializer(
                        kryo, r.type()), FIRST_ID + i);
            } else {
                kryo.register(r.type(), FIRST_ID + i);
            }
        }
        if (customizer != null) {
            customizer.accept(kryo);
        }
        return kryo;
    }

    /** Collects registrations; {@link #build()} validates them. */
    public static final class Builder {
        private final List<Registration> registrations = new ArrayList<>();
        private final Set<Class<?>> seen = new LinkedHashSet<>();
        private Consumer<Kryo> customizer;

        public Builder register(Class<?> type) {
            return add(type, null);
        }

        /**
         * Registers with an explicit serializer. The serializer instance is shared by every thread's
         * Kryo, so it must be stateless (most are).
         */
        public Builder register(Class<?> type, Serializer<?> serializer) {
            return add(type, Objects.requireNonNull(serializer, "serializer"));
        }

        /** Extra Kryo configuration applied to every per-thread instance after the registrations. */
        public Builder configureKryo(Consumer<Kryo> customizer) {
            this.customizer = customizer;
            return this;
        }

        private Builder add(Class<?> type, Serializer<?> serializer) {
            Objects.requireNonNull(type, "type");
            if (!seen.add(type)) {
                throw new IllegalArgumentException(type.getName() + " is registered twice");
            }
            registrations.add(new Registration(type, serializer));
            return this;
        }

        public MessageRegistry build() {
            return new MessageRegistry(registrations, customizer);
        }
    }
}
