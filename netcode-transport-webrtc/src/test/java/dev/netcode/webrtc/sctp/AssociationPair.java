package dev.netcode.webrtc.sctp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Two associations joined by two {@link VirtualLink}s, with recording listeners. */
final class AssociationPair {
    /** Records everything a listener sees. */
    static final class Recorder implements SctpListener {
        record Message(int streamId, int ppid, byte[] payload) {
        }

        final List<Message> messages = new ArrayList<>();
        final List<Integer> resets = new ArrayList<>();
        final List<Integer> lowEvents = new ArrayList<>();
        boolean up;
        boolean closed;
        SctpException aborted;
        boolean abortedByPeer;
        long maxReceiveBuffered;
        SctpAssociation self;
        java.util.function.Consumer<Message> onMessageHook;

        SctpStats stats() {
            return self.stats();
        }

        @Override
        public void onAssociationUp() {
            up = true;
        }

        @Override
        public void onMessage(int streamId, int ppid, ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            Message m = new Message(streamId, ppid, b);
            messages.add(m);
            if (self != null) {
                maxReceiveBuffered = Math.max(maxReceiveBuffered, self.stats().receiveBufferedBytes());
            }
            if (onMessageHook != null) {
                onMessageHook.accept(m);
            }
        }

        @Override
        public void onStreamReset(int streamId) {
            resets.add(streamId);
        }

        @Override
        public void onBufferedAmountLow(int streamId) {
            lowEvents.add(streamId);
        }

        @Override
        public void onClosed() {
            closed = true;
        }

        @Override
        public void onAborted(SctpException reason, boolean byPeer) {
            aborted = reason;
            abortedByPeer = byPeer;
        }
    }

    final VirtualScheduler scheduler = new VirtualScheduler();
    final VirtualLink aToB;
    final VirtualLink bToA;
    final Recorder ra = new Recorder();
    final Recorder rb = new Recorder();
    final SctpAssociation a;
    final SctpAssociation b;

    AssociationPair(long seed, SctpConfig config) {
        Random random = new Random(seed);
        aToB = new VirtualLink(scheduler, new Random(random.nextLong()));
        bToA = new VirtualLink(scheduler, new Random(random.nextLong()));
        a = new SctpAssociation(config.toBuilder().random(new Random(random.nextLong())).build(), aToB, scheduler, ra);
        b = new SctpAssociation(config.toBuilder().random(new Random(random.nextLong())).build(), bToA, scheduler, rb);
        ra.self = a;
        rb.self = b;
        aToB.connectTo(b::handlePacket);
        bToA.connectTo(a::handlePacket);
    }

    static SctpConfig defaultConfig() {
        return SctpConfig.builder().remoteMaxMessageSizeBytes(262_144).build();
    }

    /** Both sides connect, as WebRTC peers do, and the handshake completes. */
    AssociationPair connectBoth() {
        a.connect();
        b.connect();
        if (!scheduler.runUntil(() -> ra.up && rb.up, 120_000_000_000L)) {
            throw new AssertionError("association did not come up: " + a.state() + " / " + b.state());
        }
        return this;
    }

    void impair(double drop, double dup, double reorder, long delayMs, long jitterMs) {
        for (VirtualLink l : List.of(aToB, bToA)) {
            l.dropRate = drop;
            l.duplicateRate = dup;
            l.reorderRate = reorder;
            l.delayNanos = delayMs * 1_000_000L;
            l.jitterNanos = jitterMs * 1_000_000L;
        }
    }

    boolean run(java.util.function.BooleanSupplier done, long maxVirtualMs) {
        return scheduler.runUntil(done, maxVirtualMs * 1_000_000L);
    }
}
