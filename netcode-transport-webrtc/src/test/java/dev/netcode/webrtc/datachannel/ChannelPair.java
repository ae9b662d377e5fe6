package dev.netcode.webrtc.datachannel;

import dev.netcode.webrtc.sctp.SctpAssociation;
import dev.netcode.webrtc.sctp.SctpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two real SCTP associations, each with a {@link DataChannelManager}, joined by two seeded
 * {@link VirtualWire}s in virtual time. Side {@code a} is the DTLS client (even ids), {@code b}
 * the server (odd ids).
 */
final class ChannelPair {
    /** Off in the fuzz test, which builds a pair per input with a fixed seed. */
    static boolean verbose = true;
    final long seed;
    final VirtualClock clock = new VirtualClock();
    final VirtualWire aToB;
    final VirtualWire bToA;
    final SctpAssociation sctpA;
    final SctpAssociation sctpB;
    final DataChannelManager a;
    final DataChannelManager b;
    final List<DataChannel> remoteOnA = new ArrayList<>();
    final List<DataChannel> remoteOnB = new ArrayList<>();
    /** When set, side b echoes everything (and serves every channel the peer announces). */
    DataChannelEcho echoB;
    /** When set (and no echo), the listener of every channel side b is announced. */
    DataChannelListener remoteListener;

    ChannelPair(long seed) {
        this(seed, SctpConfig.builder().remoteMaxMessageSizeBytes(262_144).build(), DataChannelManager.DEFAULT_MAX_CHANNELS,
                DataChannelManager.DEFAULT_MAX_CHANNELS);
    }

    ChannelPair(long seed, SctpConfig config) {
        this(seed, config, DataChannelManager.DEFAULT_MAX_CHANNELS, DataChannelManager.DEFAULT_MAX_CHANNELS);
    }

    ChannelPair(long seed, SctpConfig config, int maxChannelsA, int maxChannelsB) {
        this.seed = seed;
        if (verbose) {
            System.out.println("ChannelPair seed=" + seed);
        }
        Random random = new Random(seed);
        aToB = new VirtualWire(clock, new Random(random.nextLong()));
        bToA = new VirtualWire(clock, new Random(random.nextLong()));
        a = new DataChannelManager(clock, true, maxChannelsA, remoteOnA::add);
        b = new DataChannelManager(clock, false, maxChannelsB, ch -> {
            remoteOnB.add(ch);
            if (echoB != null) {
                echoB.onDataChannel(ch);
            } else if (remoteListener != null) {
                ch.setListener(remoteListener);
            }
        });
        sctpA = new SctpAssociation(config.toBuilder().random(new Random(random.nextLong())).build(), aToB, clock, a);
        sctpB = new SctpAssociation(config.toBuilder().random(new Random(random.nextLong())).build(), bToA, clock, b);
        a.attach(sctpA);
        b.attach(sctpB);
        aToB.connectTo(sctpB::handlePacket);
        bToA.connectTo(sctpA::handlePacket);
    }

    ChannelPair withEchoOnB() {
        echoB = new DataChannelEcho(DataChannelEcho.DEFAULT_MAX_BACKLOG_BYTES);
        return this;
    }

    /** Both associations connect (as WebRTC peers do) and come up. */
    ChannelPair connect() {
        sctpA.connect();
        sctpB.connect();
        if (!clock.runUntil(() -> sctpA.state().name().equals("ESTABLISHED")
                && sctpB.state().name().equals("ESTABLISHED"), 60_000)) {
            throw new AssertionError("association did not come up: " + sctpA.state() + " / " + sctpB.state());
        }
        return this;
    }

    void impair(double drop, double dup, double reorder, long delayMs, long jitterMs) {
        for (VirtualWire w : List.of(aToB, bToA)) {
            w.dropRate = drop;
            w.duplicateRate = dup;
            w.reorderRate = reorder;
            w.delayNanos = delayMs * 1_000_000L;
            w.jitterNanos = jitterMs * 1_000_000L;
        }
    }

    boolean run(java.util.function.BooleanSupplier done, long maxVirtualMs) {
        return clock.runUntil(done, maxVirtualMs);
    }
}
