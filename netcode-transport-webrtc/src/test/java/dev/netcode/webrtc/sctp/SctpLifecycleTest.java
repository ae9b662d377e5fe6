package dev.netcode.webrtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful SHUTDOWN, ABORT, retransmission limits and heartbeats. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SctpLifecycleTest {

    @Test
    void shutdownDeliversQueuedDataThenClosesBothSides() {
        AssociationPair p = new AssociationPair(41, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0.1, 0, 0.05, 20, 5);
        for (int i = 0; i < 100; i++) {
            p.a.send(1, 53, ByteBuffer.allocate(2000).putInt(0, i), SctpSendOptions.RELIABLE_ORDERED);
        }
        p.a.shutdown();
        assertThatThrownBy(() -> p.a.send(1, 53, ByteBuffer.allocate(1), SctpSendOptions.RELIABLE_ORDERED))
                .isInstanceOf(SctpInvalidStateException.class);
        assertThat(p.run(() -> p.ra.closed && p.rb.closed, 120_000))
                .as("A %s B %s", p.a.state(), p.b.state()).isTrue();
        assertThat(p.rb.messages).hasSize(100);
        assertThat(p.a.state()).isEqualTo(SctpState.SHUT_DOWN);
        assertThat(p.b.state()).isEqualTo(SctpState.SHUT_DOWN);
        assertThat(p.ra.aborted).isNull();
    }

    @Test
    void simultaneousShutdownCompletes() {
        AssociationPair p = new AssociationPair(42, AssociationPair.defaultConfig()).connectBoth();
        p.impair(0, 0, 0, 20, 0);
        p.a.shutdown();
        p.b.shutdown();
        assertThat(p.run(() -> p.ra.closed && p.rb.closed, 30_000))
                .as("A %s B %s", p.a.state(), p.b.state()).isTrue();
    }

    @Test
    void abortReachesThePeerWithTheReason() {
        AssociationPair p = new AssociationPair(43, AssociationPair.defaultConfig()).connectBoth();
        p.a.abort("game over");
        assertThat(p.a.state()).isEqualTo(SctpState.ABORTED);
        assertThat(p.ra.abortedByPeer).isFalse();
        assertThat(p.run(() -> p.rb.aborted != null, 1_000)).isTrue();
        assertThat(p.rb.abortedByPeer).isTrue();
        assertThat(p.rb.aborted).hasMessageContaining("game over");
        assertThat(p.b.state()).isEqualTo(SctpState.ABORTED);
    }

    @Test
    void deadPeerFailsTheAssociationAfterTheRetransmissionLimit() {
        AssociationPair p = new AssociationPair(44, AssociationPair.defaultConfig().toBuilder()
                .maxRetransmissions(5).build()).connectBoth();
        p.aToB.dropRate = 1.0;
        p.a.send(0, 53, ByteBuffer.allocate(10), SctpSendOptions.RELIABLE_ORDERED);
        assertThat(p.run(() -> p.ra.aborted != null, 600_000)).isTrue();
        assertThat(p.ra.aborted).hasMessageContaining("unreachable");
        assertThat(p.a.stats().t3Expirations()).isEqualTo(6);
    }

    @Test
    void unansweredInitGivesUp() {
        AssociationPair p = new AssociationPair(45, AssociationPair.defaultConfig().toBuilder()
                .maxInitRetransmits(3).build());
        p.aToB.dropRate = 1.0;
        p.a.connect();
        assertThat(p.run(() -> p.ra.aborted != null, 600_000)).isTrue();
        assertThat(p.ra.aborted).hasMessageContaining("INIT");
    }

    @Test
    void heartbeatsMeasureRttOnAnIdleAssociation() {
        AssociationPair p = new AssociationPair(46, AssociationPair.defaultConfig().toBuilder()
                .heartbeatIntervalMs(1000).build()).connectBoth();
        p.impair(0, 0, 0, 40, 0);
        p.run(() -> false, 5_000);
        long srttMicros = p.a.stats().srttMicros();
        assertThat(srttMicros).isBetween(70_000L, 90_000L);
        // A silent peer is detected by heartbeats alone.
        p.bToA.dropRate = 1.0;
        assertThat(p.run(() -> p.ra.aborted != null, 600_000)).isTrue();
    }
}
