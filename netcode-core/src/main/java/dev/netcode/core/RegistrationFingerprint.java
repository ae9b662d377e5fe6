package dev.netcode.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered list of message classes a peer registered with Kryo, reduced to a 64-bit hash that
 * both ends exchange at connect.
 *
 * <p>Kryo writes a registered class as its small integer id, so two peers agree on the wire only
 * when they registered the same classes under the same ids. Comparing the full list on every
 * connect would cost a few kilobytes; comparing the hash costs eight bytes, and the full list is
 * exchanged only when the hashes differ, to name the first class that differs.
 *
 * <h2>Hash</h2>
 * FNV-1a 64 over the UTF-8 bytes of {@code id ':' className ';'} for every entry in id order. The
 * algorithm is part of the wire protocol: changing it breaks connections between builds, which is
 * why a test pins a known value.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Registration order matters, not just the set of classes: registering {@code A, B} on one
 *       side and {@code B, A} on the other gives different hashes, and that is intended.</li>
 *   <li>Class names are compared, not class versions: changing a class's fields without renaming it
 *       is not detected here.</li>
 * </ul>
 */
public final class RegistrationFingerprint {
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** One registration: the id Kryo writes and the class name it stands for. */
    public record Entry(int id, String className) {
        public Entry {
            Objects.requireNonNull(className, "className");
        }

        @Override
        public String toString() {
            return id + "=" + className;
        }
    }

    private final List<Entry> entries;
    private final long hash;

    public RegistrationFingerprint(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.hash = hashOf(this.entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public long hash() {
        return hash;
    }

    /**
     * Describes the first registration that differs between this side and {@code remote}, or empty
     * when both lists are equal.
     */
    public Optional<String> firstDifference(RegistrationFingerprint remote) {
        int common = Math.min(entries.size(), remote.entries.size());
        for (int i = 0; i < common; i++) {
            Entry local = entries.get(i);
            Entry other = remote.entries.get(i);
            if (!local.equals(other)) {
                return Optional.of("registration #" + i + " differs: local " + local + ", remote " + other);
            }
        }
        if (entries.size() > common) {
            return Optional.of("registration #" + common + " differs: local " + entries.get(common)
                    + ", remote has only " + common + " registrations");
        }
        if (remote.entries.size() > common) {
            return Optional.of("registration #" + common + " differs: local has only " + common
                    + " registrations, remote " + remote.entries.get(common));
        }
        return Optional.empty();
    }

    /** Convenience for building a fingerprint from classes registered with consecutive ids. */
    public static RegistrationFingerprint ofClasses(int firstId, List<Class<?>> classes) {
        List<Entry> list = new ArrayList<>(classes.size());
        for (int i = 0; i < classes.size(); i++) {
            list.add(new Entry(firstId + i, classes.get(i).getName()));
        }
        return new RegistrationFingerprint(list);
    }

    private static long hashOf(List<Entry> entries) {
        long h = FNV_OFFSET_BASIS;
        for (Entry e : entries) {
            byte[] bytes = (e.id() + ":" + e.className() + ";").getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                h ^= (b & 0xff);
                h *= FNV_PRIME;
            }
        }
        return h;
    }
}
