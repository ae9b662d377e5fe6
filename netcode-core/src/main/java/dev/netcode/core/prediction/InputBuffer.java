package dev.netcode.core.prediction;

import dev.netcode.core.prediction.internal.ShortSampleWindow;
import java.util.Objects;

/**
 * The server's input queue for one client: takes {@link InputPacket}s in any order and with
 * duplicates, and hands out exactly one input per server tick with {@link #next()}.
 *
 * <pre>{@code
 * // on receive (game thread):   buffer.offer(packet);            // throws InputPacketException
 * // every server tick:
 * Move m = buffer.next();                                         // null: do not step this tick
 * if (m != null) body = model.step(body, m);
 * InputFeedback f = buffer.feedback(new InputFeedback());          // ack, pacing
f.state = body;                                                 // the state after f.lastAppliedTick
send(f);                                                        // the client reconciles with it
 * }</pre>
 *
 * <h2>Model</h2>
 * Inputs are numbered by the client's tick. The stream starts once {@code targetSlackTicks} inputs
 * are buffered beyond the first one (a short prefill, so the first inputs are not just-in-time).
 * After that each {@link #next()} consumes the input of the next tick. When it has not arrived the
 * server first <em>holds</em> the stream for up to {@link PredictionConfig#maxInputWaitTicks()}
 * ticks ({@link #next()} returns null: do not step the entity), so that a later redundant copy can
 * still bring the real input; only then is the previous input repeated and counted as missing (a
 * late copy is then ignored: the server never rewinds) and reported as
 * {@link #lastSubstitutedTick()}. The <em>slack</em> is how many inputs were buffered beyond the one consumed; its
 * smoothed value goes back to the client in {@link InputFeedback}, and the client adjusts its tick
 * rate so that it stays near {@link PredictionConfig#targetSlackTicks()}.
 *
 * <h2>Bounds</h2>
 * At most {@link PredictionConfig#inputBufferTicks()} inputs ahead are stored (more are dropped and
 * counted); packets are validated (input count, tick ranges, input type) and a violation is an
 * {@link InputPacketException}; memory is fixed at construction.
 *
 * <h2>Out of reach: re-synchronising</h2>
 * When the server's simulation stalls (a loaded machine, a GC pause) the client's clock keeps
 * running: its inputs then arrive further ahead than the buffer holds and are dropped
 * ({@link #inputsOverflowed()}; beyond {@code 4 × inputBufferTicks + maxTicksBehind} the whole
 * packet is dropped, {@link #farAheadPackets()}). Pacing alone (a few percent of time scale) would
 * need many seconds to close such a gap, so after {@link PredictionConfig#resyncAfterTicks()}
 * server ticks in which no packet came within reach, the stream jumps forward to just behind the
 * client's newest input ({@link #resyncs()}, {@link #ticksSkipped()}). Only input that stays
 * beyond the far-ahead bound for {@link PredictionConfig#farAheadKickTicks()} server ticks is an
 * {@link InputPacketException}. A client cannot gain speed from either: one input is consumed per
 * server tick whatever the numbering.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Call {@link #next()} exactly once per server tick for every client, also when you do not
 *       care about the input, or the slack drifts.</li>
 *   <li>While the stream is held the entity does not move on the server: other players see a
 *       pause of at most {@link PredictionConfig#maxInputWaitTicks()} ticks where otherwise they
 *       would have seen a guessed move that the owner's screen then had to correct. The hold only
 *       helps if later packets still carry the input: keep {@code redundancy} above the slack.</li>
 *   <li>Not thread-safe: use it on the game thread (where {@code NetServer.update()} delivers).</li>
 * </ul>
 */
public final class InputBuffer<I> {
    private static final int MISSING_MEMORY = 256;
    private static final int LOSS_WINDOW = 128;
    /** Largest tick number accepted: 2^30 ticks is 207 days at 60 Hz, and tick arithmetic never overflows. */
    public static final int MAX_TICK = 1 << 30;

    private final PredictionConfig config;
    private final Class<I> inputClass;
    private final Object[] slots;
    private final int[] slotTicks;
    private final int[] missingTicks = new int[MISSING_MEMORY];
    /** Slack is a whole number of ticks (-MISSING_MEMORY..inputBufferTicks): 16 bits per sample. */
    private final ShortSampleWindow arrivalSlack = new ShortSampleWindow(ARRIVAL_WINDOW);
    /** About 34 s at 60 Hz: a long enough window for the percentiles, 4 KiB per client on a host. */
    private static final int ARRIVAL_WINDOW = 2048;
    private I lastInput;
    private int streamStartTick = -1;
    private int nextTick = -1;
    private boolean started;
    private int newestReceivedTick = -1;
    private int lastAppliedTick = -1;
    private int lastSubstitutedTick = -1;
    private int heldTicks;
    private boolean holdBudget = true;
    private long ticksHeld;
    private long inputsAfterHold;
    private double slackAvg;
    private double slackJitter;
    private boolean slackInitialized;
    private int lossWindowStart = -1;
    private int lossWindowHighest;
    private int lossWindowCount;
    private double lossPercent;
    private long packets;
    private long inputsApplied;
    private long inputsMissing;
    private long lateArrivals;
    private long overflowed;
    private long stalePackets;
    private long farAheadPackets;
    private long resyncs;
    private long ticksSkipped;
    /** Calls of {@link #next()} so far: the clock the re-sync and far-ahead windows are measured in. */
    private long serverTicks;
    /** {@link #serverTicks} when a packet last came within reach of the buffer. */
    private long lastInReachAt;
    /** {@link #serverTicks} when a packet last was not beyond the far-ahead bound. */
    private long lastNotFarAheadAt;
    /** Newest tick of the packets out of reach since the last one in reach, or -1. */
    private int newestOutOfReachTick = -1;

    /**
     * @param neutralInput what to apply if the very first input of the stream is missing
     */
    public InputBuffer(PredictionConfig config, Class<I> inputClass, I neutralInput) {
        this.config = Objects.requireNonNull(config, "config");
        this.inputClass = Objects.requireNonNull(inputClass, "inputClass");
        this.lastInput = Objects.requireNonNull(neutralInput, "neutralInput");
        int capacity = config.inputBufferTicks() + 1;
        this.slots = new Object[capacity];
        this.slotTicks = new int[capacity];
        java.util.Arrays.fill(slotTicks, -1);
        java.util.Arrays.fill(missingTicks, -1);
    }

    /** Validates and stores the inputs of one packet; duplicates and already applied ticks are ignored. */
    public void offer(InputPacket packet) throws InputPacketException {
        validate(packet);
        packets++;
        trackLoss(packet.sequence);
        if (streamStartTick < 0) {
            streamStartTick = packet.streamStartTick;
            // A client that talked for long before we listened: start within reach of the buffer.
            nextTick = Math.max(streamStartTick, packet.newestTick - config.inputBufferTicks() + 1);
            lastInReachAt = serverTicks;
            lastNotFarAheadAt = serverTicks;
        } else if (packet.streamStartTick != streamStartTick) {
            throw new InputPacketException("stream start changed from " + streamStartTick + " to " + packet.streamStartTick);
        }
        long ahead = (long) packet.newestTick - nextTick;
        if (ahead > 4L * config.inputBufferTicks() + config.maxTicksBehind()) {
            farAheadPackets++;
            noteOutOfReach(packet.newestTick);
            if (serverTicks - lastNotFarAheadAt >= config.farAheadKickTicks()) {
                throw new InputPacketException("input tick " + packet.newestTick + " is " + ahead + " ticks ahead of "
                        + nextTick + " for " + (serverTicks - lastNotFarAheadAt) + " server ticks");
            }
            return; // dropped and counted: a stalled server re-synchronises in next()
        }
        lastNotFarAheadAt = serverTicks;
        if (ahead >= config.inputBufferTicks()) {
            noteOutOfReach(packet.newestTick);
        } else {
            lastInReachAt = serverTicks;
            newestOutOfReachTick = -1;
        }
        if (ahead < -config.maxTicksBehind()) {
            stalePackets++;
            return;
        }
        Object[] inputs = packet.inputs;
        for (int k = 0; k < inputs.length; k++) {
            int tick = packet.newestTick - k;
            if (tick < streamStartTick) {
                break;
            }
            if (tick < nextTick) {
                noteLate(tick);
                continue;
            }
            if (tick > newestReceivedTick) {
                // Also for inputs that do not fit: the slack must show the client it runs too far ahead.
                newestReceivedTick = tick;
            }
            if (tick - nextTick >= config.inputBufferTicks()) {
                overflowed++;
                continue;
            }
            int slot = Math.floorMod(tick, slots.length);
            if (slotTicks[slot] != tick) {
                slotTicks[slot] = tick;
                slots[slot] = inputs[k];
                if (started) {
                    arrivalSlack.record(tick - nextTick);
                }
            }
        }
    }

    private void validate(InputPacket p) throws InputPacketException {
        if (p == null || p.inputs == null) {
            throw new InputPacketException("packet without inputs");
        }
        int n = p.inputs.length;
        if (n < 1 || n > config.maxInputsPerPacket()) {
            throw new InputPacketException("packet carries " + n + " inputs; allowed 1.." + config.maxInputsPerPacket());
        }
        if (p.newestTick < 0 || p.newestTick > MAX_TICK || p.streamStartTick < 0 || p.streamStartTick > p.newestTick) {
            throw new InputPacketException("bad ticks: start " + p.streamStartTick + ", newest " + p.newestTick);
        }
        for (Object o : p.inputs) {
            if (!inputClass.isInstance(o)) {
                throw new InputPacketException("input of type " + (o == null ? "null" : o.getClass().getName())
                        + ", expected " + inputClass.getName());
            }
        }
    }

    private void trackLoss(int sequence) {
        if (lossWindowStart < 0 || sequence - lossWindowStart < 0) {
            if (lossWindowStart < 0) {
                lossWindowStart = sequence;
                lossWindowHighest = sequence;
                lossWindowCount = 1;
            }
            return; // a straggler from a closed window
        }
        if (sequence - lossWindowStart >= LOSS_WINDOW) {
            int span = lossWindowHighest - lossWindowStart + 1;
            double sample = 100.0 * Math.max(0, span - lossWindowCount) / span;
            lossPercent = lossPercent == 0 && packets < 2L * LOSS_WINDOW ? sample : 0.7 * lossPercent + 0.3 * sample;
            lossWindowStart = sequence;
            lossWindowHighest = sequence;
            lossWindowCount = 1;
            return;
        }
        lossWindowCount++;
        if (sequence > lossWindowHighest) {
            lossWindowHighest = sequence;
        }
    }

    private void noteOutOfReach(int tick) {
        if (tick > newestOutOfReachTick) {
            newestOutOfReachTick = tick;
        }
    }

    /**
     * Jumps the stream forward to just behind the client's newest input: the server lost time the
     * client did not, and waiting for pacing to close the gap would drop every input meanwhile.
     */
    private void resync() {
        int target = newestOutOfReachTick - (int) Math.ceil(config.targetSlackTicks());
        if (target > nextTick) {
            ticksSkipped += target - nextTick;
            resyncs++;
            for (int i = 0; i < slots.length; i++) {
                if (slotTicks[i] >= 0 && slotTicks[i] < target) {
                    slotTicks[i] = -1;
                    slots[i] = null;
                }
            }
            nextTick = target;
            if (newestOutOfReachTick > newestReceivedTick) {
                newestReceivedTick = newestOutOfReachTick;
            }
            slackInitialized = false; // the slack jumped: do not smooth across the gap
            heldTicks = 0;
            holdBudget = true;
        }
        newestOutOfReachTick = -1;
        lastInReachAt = serverTicks;
    }

    private void noteLate(int tick) {
        int slot = Math.floorMod(tick, MISSING_MEMORY);
        if (missingTicks[slot] == tick) {
            missingTicks[slot] = -1;
            lateArrivals++;
            arrivalSlack.record(tick - nextTick);
        }
    }

    /**
     * The input for this server tick, or null when the client's entity must not be stepped this
     * tick: the stream has not started, or the server holds for a missing input (see
     * {@link PredictionConfig#maxInputWaitTicks()}). Call exactly once per server tick.
     */
    @SuppressWarnings("unchecked")
    public I next() {
        if (nextTick >= MAX_TICK + config.inputBufferTicks()) {
            return lastInput; // end of the tick space (years of play): keep the last input, never overflow
        }
        serverTicks++;
        if (newestOutOfReachTick >= 0 && serverTicks - lastInReachAt >= config.resyncAfterTicks()) {
            resync();
        }
        if (!started) {
            if (streamStartTick < 0 || newestReceivedTick - nextTick < config.targetSlackTicks()) {
                return null;
            }
            started = true;
        }
        double slack = newestReceivedTick - nextTick;
        if (!slackInitialized) {
            slackAvg = slack;
            slackInitialized = true;
        } else {
            slackJitter += config.slackSmoothing() * (Math.abs(slack - slackAvg) - slackJitter);
            slackAvg += config.slackSmoothing() * (slack - slackAvg);
        }
        int slot = Math.floorMod(nextTick, slots.length);
        if (slotTicks[slot] == nextTick) {
            lastInput = (I) slots[slot];
            if (heldTicks > 0) {
                inputsAfterHold++;
            } else {
                inputsApplied++;
            }
            heldTicks = 0;
            holdBudget = true;
        } else if (holdBudget && heldTicks < config.maxInputWaitTicks()) {
            // Hold rather than guess: the server keeps simulating the client's real inputs, so its
            // prediction stays right; a later redundant copy usually brings the input.
            heldTicks++;
            ticksHeld++;
            return null;
        } else {
            inputsMissing++;
            lastSubstitutedTick = nextTick;
            missingTicks[Math.floorMod(nextTick, MISSING_MEMORY)] = nextTick;
            heldTicks = 0;
            holdBudget = false; // a silent client is held once, then its last input repeats
        }
        slots[slot] = null;
        slotTicks[slot] = -1;
        lastAppliedTick = nextTick;
        nextTick++;
        return lastInput;
    }

    /** Newest input tick applied by {@link #next()}, or -1; send it with the authoritative state. */
    public int lastAppliedTick() {
        return lastAppliedTick;
    }

    /**
     * Newest input tick the server simulated with a substituted input (the previous one repeated,
     * because the client's never arrived), or -1. Travels in {@link InputFeedback} so the client
     * knows a mismatch came from a lost input.
     */
    public int lastSubstitutedTick() {
        return lastSubstitutedTick;
    }

    /** Whether {@link #next()} has started handing out inputs. */
    public boolean started() {
        return started;
    }

    /** Smoothed slack in ticks (inputs buffered beyond the one consumed; negative when late). */
    public double slackTicks() {
        return slackAvg;
    }

    /** Smoothed mean deviation of the slack, in ticks (how much arrivals jitter). */
    public double slackJitterTicks() {
        return slackJitter;
    }

    /** Measured loss of input packet copies, 0..100. */
    public double lossPercent() {
        return lossPercent;
    }

    /** Fills {@code out} with what the client needs to pace itself; returns it. */
    public InputFeedback feedback(InputFeedback out) {
        out.lastAppliedTick = lastAppliedTick;
        out.lastSubstitutedTick = lastSubstitutedTick;
        out.state = null;
        out.slackTicks = (float) slackAvg;
        out.lossPercent = (float) lossPercent;
        out.slackJitterTicks = (float) slackJitter;
        return out;
    }

    public long packetsReceived() { return packets; }

    /** Inputs of the client that were there when their tick was first due (on time). */
    public long inputsApplied() { return inputsApplied; }

    /** Inputs of the client applied after the server held for them (late, but the real input). */
    public long inputsAfterHold() { return inputsAfterHold; }

    /** Server ticks on which the stream was held waiting for a missing input. */
    public long ticksHeld() { return ticksHeld; }

    /** Ticks simulated with the previous input repeated because the client's never came in time. */
    public long inputsMissing() { return inputsMissing; }

    /** Inputs that arrived after their tick had been simulated with a repeated one. */
    public long lateArrivals() { return lateArrivals; }

    /** Inputs dropped because they were further ahead than the buffer holds. */
    public long inputsOverflowed() { return overflowed; }

    /**
     * Packets dropped whole because their newest tick was beyond {@code 4 × inputBufferTicks +
     * maxTicksBehind} ahead of the stream (a stalled server or a hostile client).
     */
    public long farAheadPackets() { return farAheadPackets; }

    /** Times the stream jumped forward to a client whose inputs stayed out of reach. */
    public long resyncs() { return resyncs; }

    /** Ticks jumped over by {@link #resyncs()} (no input was applied for them). */
    public long ticksSkipped() { return ticksSkipped; }

    /** Packets ignored because all their ticks were long past. */
    public long stalePackets() { return stalePackets; }

    /** Share of consumed input ticks whose input was there when first due, without a hold (1 when none yet). */
    public double inTimeRatio() {
        long total = inputsApplied + inputsAfterHold + inputsMissing;
        return total == 0 ? 1 : (double) inputsApplied / total;
    }

    /** Share of consumed input ticks simulated with the client's real input, held or not (1 when none yet). */
    public double realInputRatio() {
        long total = inputsApplied + inputsAfterHold + inputsMissing;
        return total == 0 ? 1 : (double) (inputsApplied + inputsAfterHold) / total;
    }

    /**
     * Percentile of the arrival slack: for each input, how many ticks before it was needed it
     * arrived (negative: late). 0..100.
     */
    public double arrivalSlackPercentile(double p) {
        return arrivalSlack.percentile(p);
    }
}
