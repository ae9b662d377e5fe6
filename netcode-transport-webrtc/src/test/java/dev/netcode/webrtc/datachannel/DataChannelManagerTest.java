package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.sctp.SctpConfig;
import dev.netcode.webrtc.sctp.SctpState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The channel lifecycle over two real SCTP associations on a virtual network. */
@Timeout(60)
class DataChannelManagerTest {

    private static DataChannelParameters.Builder params() {
        return DataChannelParameters.builder();
    }

    @Test
    void inBandChannelReachesPeerOpenWithItsParametersAndOpensOnAck() {
        ChannelPair p = new ChannelPair(11).connect();
        DataChannel chat = p.a.createDataChannel("chat",
                params().ordered(false).maxRetransmits(3).protocol("game/1").build());
        RecordingChannelListener onA = new RecordingChannelListener();
        chat.setListener(onA);
        assertThat(chat.readyState()).isEqualTo(DataChannelState.CONNECTING);
        assertThat(chat.id()).isEqualTo(0); // DTLS client: even ids
        assertThatThrownBy(() -> chat.send("too early"))
                .isInstanceOfSatisfying(DataChannelException.class,
                        e -> assertThat(e.kind()).isEqualTo(DataChannelException.Kind.INVALID_STATE));

        assertThat(p.run(() -> chat.readyState() == DataChannelState.OPEN, 5_000)).isTrue();
        assertThat(onA.opens).isEqualTo(1);
        assertThat(p.remoteOnB).hasSize(1);
        DataChannel remote = p.remoteOnB.get(0);
        assertThat(remote.readyState()).isEqualTo(DataChannelState.OPEN);
        assertThat(remote.label()).isEqualTo("chat");
        assertThat(remote.protocol()).isEqualTo("game/1");
        assertThat(remote.id()).isEqualTo(0);
        assertThat(remote.ordered()).isFalse();
        assertThat(remote.maxRetransmits()).isEqualTo(3);
        assertThat(remote.maxPacketLifeTime()).isNull();
        assertThat(remote.negotiated()).isFalse();
        assertThat(remote.locallyCreated()).isFalse();

        RecordingChannelListener onB = new RecordingChannelListener();
        remote.setListener(onB);
        chat.send("héllo");
        chat.send("");
        chat.send(new byte[] {1, 2, 3});
        chat.send(ByteBuffer.allocate(0));
        remote.send("back");
        assertThat(p.run(() -> onB.messages.size() == 4 && onA.messages.size() == 1, 5_000)).isTrue();
        assertThat(onB.messages.get(0).binary()).isFalse();
        assertThat(new String(onB.messages.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(onB.messages.get(1).binary()).isFalse();
        assertThat(onB.messages.get(1).bytes()).isEmpty();
        assertThat(onB.messages.get(2).binary()).isTrue();
        assertThat(onB.messages.get(2).bytes()).containsExactly(1, 2, 3);
        assertThat(onB.messages.get(3).binary()).isTrue();
        assertThat(onB.messages.get(3).bytes()).isEmpty();
        assertThat(new String(onA.messages.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("back");
    }

    @Test
    void dtlsServerAnnouncesOnOddIds() {
        ChannelPair p = new ChannelPair(12).connect();
        DataChannel first = p.b.createDataChannel("one", DataChannelParameters.DEFAULT);
        DataChannel second = p.b.createDataChannel("two", DataChannelParameters.DEFAULT);
        assertThat(first.id()).isEqualTo(1);
        assertThat(second.id()).isEqualTo(3);
        assertThat(p.run(() -> second.readyState() == DataChannelState.OPEN && p.remoteOnA.size() == 2, 5_000)).isTrue();
        assertThat(p.remoteOnA).extracting(DataChannel::id).containsExactly(1, 3);
    }

    @Test
    void channelsCreatedBeforeTheAssociationIsUpOpenWhenItIs() {
        ChannelPair p = new ChannelPair(13);
        DataChannel early = p.a.createDataChannel("early", DataChannelParameters.DEFAULT);
        DataChannel negotiated = p.b.createDataChannel("n", params().negotiated(true).id(4).build());
        p.a.createDataChannel("n", params().negotiated(true).id(4).build());
        p.connect();
        assertThat(p.run(() -> early.readyState() == DataChannelState.OPEN
                && negotiated.readyState() == DataChannelState.OPEN && !p.remoteOnB.isEmpty(), 5_000)).isTrue();
        assertThat(p.remoteOnB).extracting(DataChannel::label).containsExactly("early");
    }

    @Test
    void anOrderedChannelOpensBeforeTheAckAndItsFirstMessageFollowsTheOpen() {
        ChannelPair p = new ChannelPair(15).connect();
        List<String> got = new ArrayList<>();
        p.remoteListener = new DataChannelListener() {
            @Override
            public void onStringMessage(DataChannel c, String m) {
                got.add(m);
            }
        };
        RecordingChannelListener local = new RecordingChannelListener();
        p.aToB.delayNanos = 10_000_000L; // 10 ms each way: the ACK is 20 ms away
        p.bToA.delayNanos = 10_000_000L;
        DataChannel ch = p.a.createDataChannel("fast", DataChannelParameters.DEFAULT);
        ch.setListener(local);
        long startMs = p.clock.nowMs();
        assertThat(p.run(() -> ch.readyState() == DataChannelState.OPEN, 5_000)).isTrue();
        assertThat(p.clock.nowMs() - startMs).as("open without waiting for DATA_CHANNEL_ACK").isLessThan(20);
        assertThat(p.remoteOnB).isEmpty();
        ch.send("first");
        assertThat(p.run(() -> got.size() == 1, 5_000)).isTrue();
        assertThat(got).containsExactly("first");
        // The late ACK neither reopens the channel nor counts as a protocol error.
        assertThat(p.run(() -> false, 100)).isFalse();
        assertThat(ch.readyState()).isEqualTo(DataChannelState.OPEN);
        assertThat(local.opens).as("onOpen exactly once").isEqualTo(1);
        assertThat(p.a.protocolErrors()).isZero();
    }

    @Test
    void anUnorderedChannelWaitsForTheAck() {
        ChannelPair p = new ChannelPair(16).connect();
        p.aToB.delayNanos = 10_000_000L;
        p.bToA.delayNanos = 10_000_000L;
        DataChannel ch = p.a.createDataChannel("u", params().ordered(false).build());
        long startMs = p.clock.nowMs();
        assertThat(p.run(() -> ch.readyState() == DataChannelState.OPEN, 5_000)).isTrue();
        assertThat(p.clock.nowMs() - startMs).isGreaterThanOrEqualTo(20);
    }

    @Test
    void negotiatedChannelsOpenOnBothSidesWithoutDcep() {
        ChannelPair p = new ChannelPair(14).connect();
        DataChannelParameters n = params().negotiated(true).id(7).ordered(false).maxRetransmits(0).build();
        DataChannel onA = p.a.createDataChannel("inputs", n);
        DataChannel onB = p.b.createDataChannel("inputs", n);
        RecordingChannelListener la = new RecordingChannelListener();
        RecordingChannelListener lb = new RecordingChannelListener();
        onA.setListener(la);
        onB.setListener(lb);
        assertThat(onA.readyState()).isEqualTo(DataChannelState.CONNECTING); // open comes as an event
        p.clock.runFor(1);
        assertThat(onA.readyState()).isEqualTo(DataChannelState.OPEN);
        assertThat(onB.readyState()).isEqualTo(DataChannelState.OPEN);
        assertThat(la.opens).isEqualTo(1);
        assertThat(lb.opens).isEqualTo(1);
        onA.send("ping");
        onB.send(new byte[] {9});
        assertThat(p.run(() -> la.messages.size() == 1 && lb.messages.size() == 1, 5_000)).isTrue();
        assertThat(p.remoteOnA).isEmpty();
        assertThat(p.remoteOnB).isEmpty();
        assertThatThrownBy(() -> p.a.createDataChannel("dup", n))
                .isInstanceOfSatisfying(DataChannelException.class,
                        e -> assertThat(e.kind()).isEqualTo(DataChannelException.Kind.ID_UNAVAILABLE));
    }

    @Test
    void closingFromEitherSideReachesClosedOnBothAndTheIdIsReused() {
        ChannelPair p = new ChannelPair(15).connect();
        for (boolean closeOnA : new boolean[] {true, false}) {
            DataChannel local = p.a.createDataChannel("c", DataChannelParameters.DEFAULT);
            RecordingChannelListener la = new RecordingChannelListener();
            local.setListener(la);
            assertThat(p.run(() -> local.readyState() == DataChannelState.OPEN, 5_000)).isTrue();
            assertThat(local.id()).isEqualTo(0); // the id of the previous, closed channel is free again
            DataChannel remote = p.remoteOnB.get(p.remoteOnB.size() - 1);
            RecordingChannelListener lb = new RecordingChannelListener();
            remote.setListener(lb);
            local.send("last words"); // queued data goes out before the reset
            DataChannel closer = closeOnA ? local : remote;
            closer.close();
            assertThat(closer.readyState()).isEqualTo(DataChannelState.CLOSING);
            closer.close(); // idempotent
            assertThat(p.run(() -> local.readyState() == DataChannelState.CLOSED
                    && remote.readyState() == DataChannelState.CLOSED, 10_000)).isTrue();
            assertThat(la.closes).isEqualTo(1);
            assertThat(lb.closes).isEqualTo(1);
            assertThat(la.errors).isEmpty();
            assertThat(lb.messages).hasSize(1);
            assertThat(p.a.channels()).isEmpty();
            assertThat(p.b.channels()).isEmpty();
            assertThatThrownBy(() -> local.send("x")).isInstanceOf(DataChannelException.class);
        }
        assertThat(p.sctpA.state()).isEqualTo(SctpState.ESTABLISHED);
    }

    @Test
    void dcepOpenAndAckAreNotCountedInBufferedAmount() {
        // Browsers count only user data: the DATA_CHANNEL_OPEN/ACK queued on the stream must not
        // show in bufferedAmount nor fire a bufferedamountlow the application never caused.
        ChannelPair p = new ChannelPair(18).connect();
        DataChannel bulk = p.a.createDataChannel("bulk", DataChannelParameters.DEFAULT);
        assertThat(p.run(() -> bulk.readyState() == DataChannelState.OPEN, 5_000)).isTrue();
        bulk.send(new byte[200_000]); // beyond the congestion window: what follows stays queued
        DataChannel ch = p.a.createDataChannel("counted", DataChannelParameters.DEFAULT);
        assertThat(ch.bufferedAmount()).as("DATA_CHANNEL_OPEN queued").isZero();
        RecordingChannelListener la = new RecordingChannelListener();
        ch.setListener(la);
        assertThat(p.run(() -> ch.readyState() == DataChannelState.OPEN && p.remoteOnB.size() == 2, 5_000)).isTrue();
        assertThat(la.lows).isZero();
        assertThat(p.remoteOnB.get(1).bufferedAmount()).as("DATA_CHANNEL_ACK").isZero();
        // User data still counts and fires the event once it drains.
        ch.send(new byte[500]);
        assertThat(p.run(() -> la.lows == 1, 5_000)).isTrue();
        assertThat(ch.bufferedAmount()).isZero();
    }

    @Test
    void messageAboveThePeersMaximumIsRefusedAtSend() {
        ChannelPair p = new ChannelPair(16).connect();
        DataChannel ch = p.a.createDataChannel("big", DataChannelParameters.DEFAULT);
        RecordingChannelListener lb = new RecordingChannelListener();
        p.run(() -> ch.readyState() == DataChannelState.OPEN, 5_000);
        p.remoteOnB.get(0).setListener(lb);
        assertThatThrownBy(() -> ch.send(new byte[262_145]))
                .isInstanceOfSatisfying(DataChannelMessageTooLargeException.class, e -> {
                    assertThat(e.sizeBytes()).isEqualTo(262_145);
                    assertThat(e.limitBytes()).isEqualTo(262_144);
                    assertThat(e.kind()).isEqualTo(DataChannelException.Kind.MESSAGE_TOO_LARGE);
                    assertThat(e).hasMessageContaining("max-message-size");
                });
        p.sctpA.setRemoteMaxMessageSizeBytes(1000); // as a peer's a=max-message-size:1000
        assertThatThrownBy(() -> ch.send("x".repeat(1001))).isInstanceOf(DataChannelMessageTooLargeException.class);
        assertThat(ch.bufferedAmount()).isZero();
        assertThat(ch.readyState()).isEqualTo(DataChannelState.OPEN);
        ch.send(new byte[1000]);
        assertThat(p.run(() -> lb.messages.size() == 1, 5_000)).isTrue();
        assertThat(lb.messages.get(0).bytes()).hasSize(1000);
    }

    @Test
    void thirtyTwoChannelsFromEachSideOpenAtOnce() {
        ChannelPair p = new ChannelPair(17).connect();
        List<DataChannel> mine = new ArrayList<>();
        List<RecordingChannelListener> heard = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            mine.add(p.a.createDataChannel("a" + i, DataChannelParameters.DEFAULT));
            mine.add(p.b.createDataChannel("b" + i, params().ordered(i % 2 == 0).build()));
        }
        assertThat(p.run(() -> mine.stream().allMatch(c -> c.readyState() == DataChannelState.OPEN), 10_000)).isTrue();
        assertThat(p.remoteOnA).hasSize(32);
        assertThat(p.remoteOnB).hasSize(32);
        assertThat(mine).extracting(DataChannel::id).doesNotHaveDuplicates();
        for (DataChannel remote : p.remoteOnA) {
            heard.add(listen(remote));
        }
        for (DataChannel remote : p.remoteOnB) {
            heard.add(listen(remote));
        }
        for (DataChannel c : mine) {
            c.send(c.label());
        }
        assertThat(p.run(() -> heard.stream().allMatch(l -> l.messages.size() == 1), 10_000)).isTrue();
        for (DataChannel remote : p.remoteOnB) {
            String got = new String(((RecordingChannelListener) remote.listener()).messages.get(0).bytes(),
                    StandardCharsets.UTF_8);
            assertThat(got).isEqualTo(remote.label());
        }
    }

    private static RecordingChannelListener listen(DataChannel c) {
        RecordingChannelListener l = new RecordingChannelListener();
        c.setListener(l);
        return l;
    }

    @Test
    void channelCountIsBoundedOnBothSides() {
        ChannelPair p = new ChannelPair(18, SctpConfig.builder().remoteMaxMessageSizeBytes(262_144).build(), 5, 4)
                .connect();
        DataChannel own = p.b.createDataChannel("b's", DataChannelParameters.DEFAULT);
        p.run(() -> own.readyState() == DataChannelState.OPEN, 5_000);
        List<DataChannel> fromA = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fromA.add(p.a.createDataChannel("a" + i, DataChannelParameters.DEFAULT));
        }
        assertThatThrownBy(() -> p.a.createDataChannel("one too many", DataChannelParameters.DEFAULT))
                .isInstanceOfSatisfying(DataChannelException.class,
                        e -> assertThat(e.kind()).isEqualTo(DataChannelException.Kind.TOO_MANY_CHANNELS));
        // b holds its own channel and has room for 3 more: the fourth announced channel is refused.
        assertThat(p.run(() -> fromA.stream().noneMatch(c -> c.readyState() == DataChannelState.CONNECTING), 10_000))
                .isTrue();
        assertThat(p.run(() -> fromA.get(3).readyState() == DataChannelState.CLOSED, 10_000)).isTrue();
        assertThat(fromA.subList(0, 3)).allMatch(c -> c.readyState() == DataChannelState.OPEN);
        assertThat(p.b.channels()).hasSize(4);
        assertThat(p.b.refusedChannels()).isEqualTo(1);
        assertThat(p.sctpB.state()).isEqualTo(SctpState.ESTABLISHED);
    }

    @Test
    void abortClosesEveryChannelWithAnErrorOnBothSides() {
        ChannelPair p = new ChannelPair(19).connect();
        DataChannel ch = p.a.createDataChannel("x", DataChannelParameters.DEFAULT);
        RecordingChannelListener la = listen(ch);
        p.run(() -> ch.readyState() == DataChannelState.OPEN, 5_000);
        RecordingChannelListener lb = listen(p.remoteOnB.get(0));
        p.sctpB.abort("game over");
        p.clock.runFor(1_000);
        for (RecordingChannelListener l : List.of(la, lb)) {
            assertThat(l.errors).hasSize(1);
            assertThat(l.errors.get(0).kind()).isEqualTo(DataChannelException.Kind.ASSOCIATION_ABORTED);
            assertThat(l.closes).isEqualTo(1);
        }
        assertThat(ch.readyState()).isEqualTo(DataChannelState.CLOSED);
        assertThatThrownBy(() -> p.a.createDataChannel("late", DataChannelParameters.DEFAULT))
                .isInstanceOf(DataChannelException.class);
    }

    @Test
    void gracefulShutdownClosesEveryChannelWithoutError() {
        ChannelPair p = new ChannelPair(20).connect();
        DataChannel ch = p.a.createDataChannel("x", DataChannelParameters.DEFAULT);
        RecordingChannelListener la = listen(ch);
        p.run(() -> ch.readyState() == DataChannelState.OPEN, 5_000);
        RecordingChannelListener lb = listen(p.remoteOnB.get(0));
        ch.send("bye");
        p.sctpA.shutdown();
        assertThat(p.run(() -> la.closes == 1 && lb.closes == 1, 10_000)).isTrue();
        assertThat(la.errors).isEmpty();
        assertThat(lb.errors).isEmpty();
        assertThat(lb.messages).hasSize(1);
    }

    @Test
    void hostileDcepFailsOnlyTheChannelItTargets() {
        ChannelPair p = new ChannelPair(21).connect();
        DataChannel victim = p.a.createDataChannel("victim", DataChannelParameters.DEFAULT);
        DataChannel bystander = p.a.createDataChannel("bystander", DataChannelParameters.DEFAULT);
        RecordingChannelListener lv = listen(victim);
        RecordingChannelListener lby = listen(bystander);
        p.run(() -> bystander.readyState() == DataChannelState.OPEN, 5_000);
        RecordingChannelListener remoteBystander = listen(p.remoteOnB.get(1));

        // Garbage DCEP on the victim's stream, written by b's raw association (a hostile peer).
        p.sctpB.send(victim.id(), Ppid.DCEP, ByteBuffer.wrap(new byte[] {3, 0x7f}),
                dev.netcode.webrtc.sctp.SctpSendOptions.RELIABLE_ORDERED);
        // An OPEN on a's own (even) parity, and data on a stream without channel.
        p.sctpB.send(10, Ppid.DCEP, DataChannelParameters.DEFAULT.toOpen("squatter").encode(),
                dev.netcode.webrtc.sctp.SctpSendOptions.RELIABLE_ORDERED);
        p.sctpB.send(12, Ppid.BINARY, ByteBuffer.wrap(new byte[] {1}),
                dev.netcode.webrtc.sctp.SctpSendOptions.RELIABLE_ORDERED);
        assertThat(p.run(() -> victim.readyState() == DataChannelState.CLOSED, 10_000)).isTrue();
        assertThat(lv.errors).singleElement().satisfies(
                e -> assertThat(e.kind()).isEqualTo(DataChannelException.Kind.PROTOCOL_VIOLATION));
        assertThat(lv.closes).isEqualTo(1);
        assertThat(p.run(() -> p.remoteOnB.get(0).readyState() == DataChannelState.CLOSED, 10_000)).isTrue();
        assertThat(p.run(() -> p.a.droppedMessages() == 1, 5_000)).isTrue();
        assertThat(p.a.protocolErrors()).isEqualTo(1);
        assertThat(p.a.refusedChannels()).isEqualTo(1);
        assertThat(p.a.droppedMessages()).isEqualTo(1);
        assertThat(p.remoteOnA).isEmpty();

        // A second OPEN on an open channel's stream fails that channel too.
        p.sctpB.send(bystander.id(), Ppid.DCEP, DataChannelParameters.DEFAULT.toOpen("hijack").encode(),
                dev.netcode.webrtc.sctp.SctpSendOptions.RELIABLE_ORDERED);
        assertThat(p.run(() -> bystander.readyState() == DataChannelState.CLOSED, 10_000)).isTrue();
        assertThat(lby.errors).hasSize(1);
        assertThat(p.run(() -> remoteBystander.closes == 1, 10_000)).isTrue();

        // The association and new channels still work.
        assertThat(p.sctpA.state()).isEqualTo(SctpState.ESTABLISHED);
        DataChannel after = p.a.createDataChannel("after", DataChannelParameters.DEFAULT);
        assertThat(p.run(() -> after.readyState() == DataChannelState.OPEN, 5_000)).isTrue();
    }
}
