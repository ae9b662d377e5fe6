package dev.netcode.core.snapshot;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The snapshot decoder on hostile bytes: a view, a null (stale or unknown baseline), or
 * {@link SnapshotFormatException}; nothing else may escape. Each input is tried twice: against a
 * fresh receiver and against one that already holds a baseline (sequence 0, eight entities of both
 * types), so the delta paths are reachable.
 */
class SnapshotDecoderFuzzTest {
    private static final byte[] BASELINE_PACKET = baselinePacket();

    private static byte[] baselinePacket() {
        java.util.Random random = new java.util.Random(1);
        Snapshot.Builder b = Snapshot.builder(TestWorlds.REGISTRY, 0);
        for (int i = 0; i < 8; i++) {
            int type = i % 2;
            b.add(i * 2, type, TestWorlds.randomState(TestWorlds.REGISTRY.schema(type), random));
        }
        byte[] packet = new byte[1200];
        int len = new SnapshotSender(TestWorlds.REGISTRY, SnapshotConfig.DEFAULT).write(b.build(), packet, 0);
        return java.util.Arrays.copyOf(packet, len);
    }

    @FuzzTest(maxDuration = "15s")
    void decodeNeverFailsOtherwise(byte[] input) {
        try {
            new SnapshotReceiver(TestWorlds.REGISTRY, SnapshotConfig.DEFAULT).receive(input, 0, input.length);
        } catch (SnapshotFormatException expected) {
            // the one allowed outcome for garbage
        }
        SnapshotReceiver primed = new SnapshotReceiver(TestWorlds.REGISTRY, SnapshotConfig.DEFAULT);
        primed.receive(BASELINE_PACKET, 0, BASELINE_PACKET.length);
        try {
            primed.receive(input, 0, input.length);
        } catch (SnapshotFormatException expected) {
            // the one allowed outcome for garbage
        }
    }
}
