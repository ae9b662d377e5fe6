package dev.netcode.webrtc.impairment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a {@link UdpImpairmentRelay} does to the datagrams it forwards: loss, duplication,
 * reordering, delay and jitter, driven by a seed so a failing run can be replayed.
 *
 * <pre>{@code
 * ImpairmentConfig config = ImpairmentConfig.preset("broadband-p95").withSeed(42);
 * ImpairmentConfig custom = ImpairmentConfig.none()
 *         .withDropPercent(10).withDuplicatePercent(5).withReorderPercent(5)
 *         .withDelayMs(50).withJitterMs(20).withSeed(seed);
 * }</pre>
 *
 * <p>Semantics, per datagram and per direction:
 * <ul>
 *   <li>{@code dropPercent}: the datagram is discarded.</li>
 *   <li>{@code duplicatePercent}: a second copy is sent right after the original.</li>
 *   <li>{@code reorderPercent}: the datagram is held back and released right after the next
 *       datagram in the same direction (so the two swap), or after {@code reorderHoldMs} if no
 *       next datagram comes. The outcome depends only on the seed and the arrival order, not on
 *       timing.</li>
 *   <li>{@code delayMs} ± {@code jitterMs}: one-way delay drawn uniformly from
 *       {@code [delay - jitter, delay + jitter]}, clamped at 0. Jitter never reorders: a datagram
 *       leaves no earlier than the one before it in the same direction (a FIFO link), so
 *       {@code reorderPercent} is the only source of reordering and its counter is exact.</li>
 * </ul>
 * Memory is bounded by {@code maxQueuedDatagrams} and {@code maxQueuedBytes}: a datagram that
 * would exceed either is dropped and counted as overflow.
 *
 * <p>Presets (one-way delay / jitter / loss), from typical game-network measurements:
 * <table>
 *   <caption>presets</caption>
 *   <tr><th>name</th><th>delay</th><th>jitter</th><th>loss</th></tr>
 *   <tr><td>{@code none}</td><td>0 ms</td><td>0 ms</td><td>0 %</td></tr>
 *   <tr><td>{@code lan}</td><td>1 ms</td><td>0 ms</td><td>0 %</td></tr>
 *   <tr><td>{@code broadband-p50}</td><td>66 ms</td><td>11 ms</td><td>3 %</td></tr>
 *   <tr><td>{@code broadband-p95}</td><td>151 ms</td><td>11 ms</td><td>4 %</td></tr>
 *   <tr><td>{@code 4g-p95}</td><td>185 ms</td><td>15 ms</td><td>6 %</td></tr>
 *   <tr><td>{@code unplayable}</td><td>300 ms</td><td>400 ms</td><td>30 %</td></tr>
 * </table>
 * Presets do not duplicate or reorder; add that with the {@code with...} methods.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The delay is per pass through the relay: a round trip through one relay pays it twice.</li>
 *   <li>Percentages are 0–100, not fractions.</li>
 *   <li>{@code seed} is used per direction (two independent streams), so traffic in one
 *       direction never changes the fate of the other.</li>
 * </ul>
 *
 * @param dropPercent chance of discarding a datagram, 0–100
 * @param duplicatePercent chance of sending a datagram twice, 0–100
 * @param reorderPercent chance of holding a datagram back behind the next one, 0–100
 * @param delayMs mean one-way delay added per datagram, ≥ 0
 * @param jitterMs half-width of the uniform delay variation, ≥ 0
 * @param reorderHoldMs longest a reordered datagram waits for a successor, ≥ 1
 * @param maxQueuedDatagrams bound on datagrams waiting in the relay (delayed or held), ≥ 1
 * @param maxQueuedBytes bound on payload bytes waiting in the relay, ≥ 65,535
 * @param seed seed of the pseudo-random decisions
 */
public record ImpairmentConfig(double dropPercent, double duplicatePercent, double reorderPercent, int delayMs,
        int jitterMs, int reorderHoldMs, int maxQueuedDatagrams, long maxQueuedBytes, long seed) {

    /** Default bound on queued datagrams. */
    public static final int DEFAULT_MAX_QUEUED_DATAGRAMS = 16_384;
    /** Default bound on queued payload bytes (32 MiB). */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 32L * 1024 * 1024;
    /** Default longest hold of a reordered datagram. */
    public static final int DEFAULT_REORDER_HOLD_MS = 100;
    /** Largest delay or jitter accepted (one minute): anything longer is a configuration mistake. */
    public static final int MAX_DELAY_MS = 60_000;

    private static final Map<String, Supplier<ImpairmentConfig>> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("none", ImpairmentConfig::none);
        PRESETS.put("lan", () -> none().withDelayMs(1));
        PRESETS.put("broadband-p50", () -> none().withDelayMs(66).withJitterMs(11).withDropPercent(3));
        PRESETS.put("broadband-p95", () -> none().withDelayMs(151).withJitterMs(11).withDropPercent(4));
        PRESETS.put("4g-p95", () -> none().withDelayMs(185).withJitterMs(15).withDropPercent(6));
        PRESETS.put("unplayable", () -> none().withDelayMs(300).withJitterMs(400).withDropPercent(30));
    }

    public ImpairmentConfig {
        requirePercent("dropPercent", dropPercent);
        requirePercent("duplicatePercent", duplicatePercent);
        requirePercent("reorderPercent", reorderPercent);
        requireRange("delayMs", delayMs, 0, MAX_DELAY_MS);
        requireRange("jitterMs", jitterMs, 0, MAX_DELAY_MS);
        requireRange("reorderHoldMs", reorderHoldMs, 1, MAX_DELAY_MS);
        if (maxQueuedDatagrams < 1) {
            throw new IllegalArgumentException("maxQueuedDatagrams must be at least 1: " + maxQueuedDatagrams);
        }
        if (maxQueuedBytes < 65_535) {
            throw new IllegalArgumentException("maxQueuedBytes must hold one maximal datagram (65535): " + maxQueuedBytes);
        }
    }

    /** No impairment: datagrams are forwarded as they come. */
    public static ImpairmentConfig none() {
        return new ImpairmentConfig(0, 0, 0, 0, 0, DEFAULT_REORDER_HOLD_MS, DEFAULT_MAX_QUEUED_DATAGRAMS,
                DEFAULT_MAX_QUEUED_BYTES, 0);
    }

    /**
     * A named preset (see the table above), seed 0.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ImpairmentConfig preset(String name) {
        Supplier<ImpairmentConfig> preset = PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (preset == null) {
            throw new IllegalArgumentException("unknown impairment preset '" + name + "', known: " + presetNames());
        }
        return preset.get();
    }

    /** The preset names, mildest first. */
    public static List<String> presetNames() {
        return List.copyOf(PRESETS.keySet());
    }

    /** True when the relay would forward every datagram unchanged and at once. */
    public boolean isTransparent() {
        return dropPercent == 0 && duplicatePercent == 0 && reorderPercent == 0 && delayMs == 0 && jitterMs == 0;
    }

    public ImpairmentConfig withDropPercent(double value) {
        return new ImpairmentConfig(value, duplicatePercent, reorderPercent, delayMs, jitterMs, reorderHoldMs,
                maxQueuedDatagrams, maxQueuedBytes, seed);
    }

    public ImpairmentConfig withDuplicatePercent(double value) {
        return new ImpairmentConfig(dropPercent, value, reorderPercent, delayMs, jitterMs, reorderHoldMs,
                maxQueuedDatagrams, maxQueuedBytes, seed);
    }

    public ImpairmentConfig withReorderPercent(double value) {
        return new ImpairmentConfig(dropPercent, duplicatePercent, value, delayMs, jitterMs, reorderHoldMs,
                maxQueuedDatagrams, maxQueuedBytes, seed);
    }

    public ImpairmentConfig withDelayMs(int value) {
        return new ImpairmentConfig(dropPercent, duplicatePercent, reorderPercent, value, jitterMs, reorderHoldMs,
                maxQueuedDatagrams, maxQueuedBytes, seed);
    }

    public ImpairmentConfig withJitterMs(int value) {
        return new ImpairmentConfig(dropPercent, duplicatePercent, reorderPercent, delayMs, value, reorderHoldMs,
                maxQueuedDatagrams, maxQueuedBytes, seed);
    }

    public ImpairmentConfig withReorderHoldMs(int value) {
        return new ImpairmentConfig(dropPercent, duplicatePercent, reorderPercent, delayMs, jitterMs, value,
                maxQueuedDatagrams, maxQueuedBytes, seed);
    }

    public ImpairmentConfig withMaxQueuedDatagrams(int value) {
        return new ImpairmentConfig(dropPercent, duplicatePercent, reorderPercent, delayMs, jitterMs, reorderHoldMs,
                value, maxQueuedBytes, seed);
    }

    public ImpairmentConfig withMaxQueuedBytes(long value) {
        return new ImpairmentConfig(dropPercent, duplicatePercent, reorderPercent, delayMs, jitterMs, reorderHoldMs,
                maxQueuedDatagrams, value, seed);
    }

    public ImpairmentConfig withSeed(long value) {
        return new ImpairmentConfig(dropPercent, duplicatePercent, reorderPercent, delayMs, jitterMs, reorderHoldMs,
                maxQueuedDatagrams, maxQueuedBytes, value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "impairment[drop %.1f%%, dup %.1f%%, reorder %.1f%%, delay %d±%d ms, hold %d ms, cap %d datagrams/%d bytes, seed %d]",
                dropPercent, duplicatePercent, reorderPercent, delayMs, jitterMs, reorderHoldMs, maxQueuedDatagrams,
                maxQueuedBytes, seed);
    }

    private static void requirePercent(String name, double value) {
        if (!(value >= 0 && value <= 100)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be within 0..100: " + value);
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ": " + value);
        }
    }
}
