package dev.netcode.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.core.prediction.PredictionTestModel.Move;
import org.junit.jupiter.api.Test;

class InputBufferTest {
    private final PredictionConfig config = PredictionConfig.builder().targetSlackTicks(2).maxTargetSlackTicks(4).inputBufferTicks(8).build();
    private final InputBuffer<Move> buffer = new InputBuffer<>(config, Move.class, new Move(0));

    private static InputPacket packet(int seq, int newest, int... dx) {
        Object[] in = new Object[dx.length];
        for (int i = 0; i < dx.length; i++) {
            in[i] = new Move(dx[i]);
        }
        return new InputPacket(seq, 0, newest, in);
    }

    @Test
    void prefillsThenAppliesOneInputPerTickInTickOrder() throws Exception {
        assertThat(buffer.next()).isNull();
        buffer.offer(packet(0, 0, 1));
        assertThat(buffer.next()).as("prefill: wait for 2 more").isNull();
        buffer.offer(packet(2, 2, -1, 0, 1)); // reordered and redundant
        buffer.offer(packet(1, 1, 0, 1));     // duplicate ticks
        assertThat(buffer.next().dx).isEqualTo((byte) 1);
        assertThat(buffer.next().dx).isEqualTo((byte) 0);
        assertThat(buffer.next().dx).isEqualTo((byte) -1);
        assertThat(buffer.lastAppliedTick()).isEqualTo(2);
        assertThat(buffer.inputsApplied()).isEqualTo(3);
        assertThat(buffer.inputsMissing()).isZero();
    }

    @Test
    void repeatsTheLastInputWhenMissingAndCountsTheLateCopy() throws Exception {
        InputBuffer<Move> buffer = new InputBuffer<>(PredictionConfig.builder().targetSlackTicks(2).maxTargetSlackTicks(4)
                .inputBufferTicks(8).maxInputWaitTicks(0).build(), Move.class, new Move(0));
        buffer.offer(packet(0, 2, 1, 1, 1));
        buffer.next();
        buffer.next();
        buffer.next();
        Move repeated = buffer.next(); // tick 3 never arrived
        assertThat(repeated.dx).isEqualTo((byte) 1);
        assertThat(buffer.inputsMissing()).isEqualTo(1);
        assertThat(buffer.lastAppliedTick()).isEqualTo(3);
        buffer.offer(packet(1, 4, -1, -1)); // tick 3 arrives late, tick 4 in time
        assertThat(buffer.lateArrivals()).isEqualTo(1);
        assertThat(buffer.next().dx).isEqualTo((byte) -1);
        assertThat(buffer.inTimeRatio()).isEqualTo(4 / 5.0);
        assertThat(buffer.lastSubstitutedTick()).isEqualTo(3);
        assertThat(buffer.feedback(new InputFeedback()).lastSubstitutedTick).isEqualTo(3);
    }

    @Test
    void holdsForAMissingInputAndAppliesTheRealOneWhenItArrives() throws Exception {
        buffer.offer(packet(0, 2, 1, 1, 1));
        buffer.next();
        buffer.next();
        buffer.next();
        assertThat(buffer.next()).as("tick 3 missing: hold").isNull();
        assertThat(buffer.next()).as("still holding").isNull();
        assertThat(buffer.lastAppliedTick()).isEqualTo(2);
        buffer.offer(packet(1, 5, 0, 0, -1)); // ticks 3..5, tick 3 = -1
        assertThat(buffer.next().dx).as("the real input, late").isEqualTo((byte) -1);
        assertThat(buffer.lastAppliedTick()).isEqualTo(3);
        assertThat(buffer.inputsAfterHold()).isEqualTo(1);
        assertThat(buffer.ticksHeld()).isEqualTo(2);
        assertThat(buffer.inputsMissing()).isZero();
        assertThat(buffer.lastSubstitutedTick()).isEqualTo(-1);
        assertThat(buffer.realInputRatio()).isEqualTo(1.0);
        assertThat(buffer.inTimeRatio()).isEqualTo(3 / 4.0);
    }

    @Test
    void aSilentClientIsHeldOnceThenItsLastInputRepeats() throws Exception {
        buffer.offer(packet(0, 2, 1, 1, 1));
        buffer.next();
        buffer.next();
        buffer.next();
        for (int i = 0; i < config.maxInputWaitTicks(); i++) {
            assertThat(buffer.next()).isNull();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(buffer.next().dx).as("no second hold without a real input in between").isEqualTo((byte) 1);
        }
        assertThat(buffer.inputsMissing()).isEqualTo(10);
        assertThat(buffer.lastSubstitutedTick()).isEqualTo(12);
    }

    @Test
    void hostilePacketsAreTypedErrors() {
        assertThatThrownBy(() -> buffer.offer(new InputPacket(0, 0, 0, null))).isInstanceOf(InputPacketException.class);
        assertThatThrownBy(() -> buffer.offer(new InputPacket(0, 0, 0, new Object[0]))).isInstanceOf(InputPacketException.class);
        assertThatThrownBy(() -> buffer.offer(new InputPacket(0, 0, 0, new Object[9]))).isInstanceOf(InputPacketException.class);
        assertThatThrownBy(() -> buffer.offer(new InputPacket(0, 0, 0, new Object[] {"x"}))).isInstanceOf(InputPacketException.class);
        assertThatThrownBy(() -> buffer.offer(new InputPacket(0, 5, 4, new Object[] {new Move()}))).isInstanceOf(InputPacketException.class);
        assertThatThrownBy(() -> buffer.offer(new InputPacket(0, -1, 4, new Object[] {new Move()}))).isInstanceOf(InputPacketException.class);
    }

    @Test
    void farFutureTicksAreDroppedAndCountedAndNearOnesBeyondTheBufferAreDropped() throws Exception {
        buffer.offer(packet(0, 2, 0, 0, 0));
        buffer.offer(packet(1, 1_000_000, 0));
        assertThat(buffer.farAheadPackets()).isEqualTo(1);
        buffer.offer(packet(2, 20, 0));
        assertThat(buffer.inputsOverflowed()).isEqualTo(1);
        buffer.next();
        assertThat(buffer.slackTicks()).as("overflow still tells the client it is ahead").isGreaterThan(10);
    }

    @Test
    void inputThatStaysFarAheadDespiteReSyncsIsATypedErrorAfterTheKickWindow() throws Exception {
        // Each packet jumps 1000 ticks: even right after a re-sync the next one is beyond the far bound.
        buffer.offer(packet(0, 2, 0, 0, 0));
        int seq = 1;
        for (int t = 0; t < config.farAheadKickTicks(); t++) {
            buffer.offer(packet(seq, 1000 * seq, 0));
            seq++;
            buffer.next();
        }
        assertThat(buffer.farAheadPackets()).isEqualTo(config.farAheadKickTicks());
        assertThat(buffer.resyncs()).as("re-synced, but the stream never came within reach").isPositive();
        int next = seq;
        assertThatThrownBy(() -> buffer.offer(packet(next, 1000 * next, 0))).isInstanceOf(InputPacketException.class);
    }

    /**
     * The server stalled for three seconds (its simulation lost 180 ticks) while the client kept
     * ticking: the client's inputs now arrive far beyond the buffer. The buffer must not kick it,
     * nor drop its inputs for long: it re-synchronises and applies the real inputs again.
     */
    @Test
    void aStalledServerCatchesUpWithTheClientInsteadOfKickingIt() throws Exception {
        int seq = 0;
        int clientTick = 0;
        for (; clientTick < 120; clientTick++) { // two seconds of normal play
            buffer.offer(packet(seq++, clientTick, 1, 1, 1));
            if (clientTick >= 2) {
                buffer.next();
            }
        }
        long appliedBefore = buffer.inputsApplied();
        clientTick += 180; // the server's stall: the client ran on, its packets meanwhile were late at the server
        int resumedAt = clientTick;
        for (int t = 0; t < 300; t++, clientTick++) { // five seconds after the stall
            buffer.offer(packet(seq++, clientTick, -1, -1, -1, -1, -1));
            buffer.next();
        }
        assertThat(buffer.farAheadPackets()).as("the first packets after the stall were beyond the far bound").isPositive();
        assertThat(buffer.resyncs()).isEqualTo(1);
        assertThat(buffer.ticksSkipped()).isBetween(150L, 200L);
        assertThat(buffer.lastAppliedTick()).isBetween(clientTick - 8, clientTick - 1);
        assertThat(buffer.lastAppliedTick()).isGreaterThan(resumedAt);
        assertThat(buffer.inputsApplied() - appliedBefore).as("real inputs applied again after the re-sync").isGreaterThan(200);
    }

    @Test
    void aFloodRacingAheadIsContainedToOneInputPerTick() throws Exception {
        int seq = 0;
        int tick = 0;
        for (int serverTick = 0; serverTick < 600; serverTick++) {
            for (int k = 0; k < 10; k++) {
                buffer.offer(packet(seq++, tick++, 1));
            }
            buffer.next();
        }
        assertThat(buffer.inputsApplied() + buffer.inputsAfterHold() + buffer.inputsMissing())
                .as("never more than one input per server tick").isLessThanOrEqualTo(600);
        assertThat(buffer.inputsOverflowed()).isPositive();
    }

    @Test
    void reportsSlackAndLossInFeedback() throws Exception {
        int seq = 0;
        for (int tick = 0; tick < 600; tick++) {
            if (tick % 5 != 0) { // every fifth packet lost
                buffer.offer(packet(seq, tick, 0, 0, 0));
            }
            seq++;
            if (tick >= 2) {
                buffer.next();
            }
        }
        InputFeedback f = buffer.feedback(new InputFeedback());
        assertThat(f.lossPercent).isBetween(15f, 25f);
        assertThat(f.slackTicks).isBetween(1f, 2.5f);
        assertThat(buffer.inTimeRatio()).isEqualTo(1.0);
    }
}
