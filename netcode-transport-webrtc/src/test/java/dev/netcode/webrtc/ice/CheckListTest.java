package dev.netcode.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.ice.internal.CandidatePair;
import dev.netcode.webrtc.ice.internal.CheckList;
import dev.netcode.webrtc.ice.internal.IceSocket;
import dev.netcode.webrtc.ice.internal.LocalCandidate;
import dev.netcode.webrtc.ice.internal.RemoteCandidate;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Ordering and bookkeeping of the check list, without sockets. */
class CheckListTest {
    private static final IceSocket BASE = new IceSocket() {
        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 1000);
        }

        @Override
        public void send(ByteBuf datagram, InetSocketAddress recipient) {
            datagram.release();
        }
    };
    private static final LocalCandidate LOCAL = new LocalCandidate(IceCandidate.builder().foundation("1").priority(2130706431L)
            .address(BASE.localAddress()).type(IceCandidateType.HOST).build(), BASE.localAddress(), BASE, 65535);

    private static CandidatePair pair(int port, long remotePriority) {
        RemoteCandidate r = new RemoteCandidate(IceCandidate.builder().foundation("2").priority(remotePriority)
                .address(new InetSocketAddress("127.0.0.1", port)).type(IceCandidateType.HOST).build(),
                new InetSocketAddress("127.0.0.1", port));
        return new CandidatePair(LOCAL, r, IceRole.CONTROLLING);
    }

    @Test
    void checksGoTriggeredFirstThenByPriority() {
        CheckList list = new CheckList(10);
        CandidatePair low = pair(2001, 100);
        CandidatePair high = pair(2002, 2_000_000_000L);
        CandidatePair mid = pair(2003, 1_000_000);
        list.add(low);
        list.add(high);
        list.add(mid);
        assertThat(list.nextToCheck(p -> false)).isSameAs(high);
        list.trigger(low, false);
        assertThat(list.nextToCheck(p -> false)).isSameAs(low);
        high.state = CandidatePair.State.IN_PROGRESS;
        assertThat(list.nextToCheck(p -> false)).isSameAs(mid);
        assertThat(list.find(BASE, new InetSocketAddress("127.0.0.1", 2003))).isSameAs(mid);
    }

    @Test
    void inProgressTriggeredPairIsSkippedUnlessItNeedsNomination() {
        CheckList list = new CheckList(10);
        CandidatePair p = pair(2001, 100);
        list.add(p);
        p.state = CandidatePair.State.IN_PROGRESS;
        list.trigger(p, false);
        assertThat(list.nextToCheck(x -> false)).isNull();
        list.trigger(p, true);
        assertThat(list.nextToCheck(x -> true)).isSameAs(p);
    }

    @Test
    void boundedAndTracksFailureAndValidity() {
        CheckList list = new CheckList(2);
        CandidatePair a = pair(2001, 100);
        CandidatePair b = pair(2002, 200);
        assertThat(list.add(a)).isTrue();
        assertThat(list.add(b)).isTrue();
        assertThat(list.add(pair(2003, 300))).isFalse();
        assertThat(list.checksPending()).isTrue();
        a.state = CandidatePair.State.FAILED;
        b.state = CandidatePair.State.SUCCEEDED;
        assertThat(list.bestSucceeded()).isSameAs(b);
        assertThat(list.allFailed()).isFalse();
        b.state = CandidatePair.State.FAILED;
        assertThat(list.allFailed()).isTrue();
        assertThat(list.checksPending()).isFalse();
    }

    @Test
    void roleChangeReordersByTheNewPairPriorities() {
        CheckList list = new CheckList(10);
        CandidatePair a = pair(2001, 2130706431L); // equal to the local priority
        CandidatePair b = pair(2002, 2130706430L);
        list.add(b);
        list.add(a);
        long before = a.priority();
        list.reprioritize(IceRole.CONTROLLED);
        assertThat(a.priority()).isEqualTo(IcePriority.pairPriority(2130706431L, 2130706431L));
        assertThat(before).isEqualTo(a.priority()); // equal G and D: no tie bit either way
        assertThat(list.nextToCheck(p -> false)).isSameAs(a);
    }
}
