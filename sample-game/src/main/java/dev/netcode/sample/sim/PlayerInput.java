package dev.netcode.sample.sim;

/**
 * One player's controls for one simulation tick: the message a client will send to the host.
 *
 * <p>The fields are already quantized to what goes on the wire (axes in 1/127 steps, aim as a
 * 16-bit binary angle), so the host, the predicting client and bots all simulate exactly the
 * same values: quantizing only when sending would make the client predict with inputs the host
 * never sees. Build one with {@link #of}, which does the quantization. Every combination of field
 * values is valid, so a decoded input from a hostile peer cannot put the simulation in an invalid
 * state (axes are clamped by {@link PlayerMotion}).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code tick} is the simulation tick the input is meant for; the world does not check it,
 *       the networking's input buffer does (reject stale or far-future ticks there).</li>
 *   <li>{@code moveX = -128} is legal on the wire and reads as slightly below -1; PlayerMotion clamps.</li>
 * </ul>
 *
 * @param tick simulation tick this input applies to
 * @param moveX horizontal axis, -127..127 maps to -1..1
 * @param moveY vertical axis, -127..127 maps to -1..1
 * @param aim aim direction as a binary angle: 65536 units per turn, 0 = +x, counter-clockwise
 * @param fire whether the trigger is held
 * @param viewDelayTicks how many ticks behind {@code tick} the remote players the shooter saw
 *        were (interpolation delay plus latency), read unsigned 0..255: the host rewinds hit
 *        targets by this much, capped (lag compensation). 0 = judge against current positions.
 */
public record PlayerInput(int tick, byte moveX, byte moveY, short aim, boolean fire, byte viewDelayTicks) {
    /** Quantization steps per unit of a movement axis. */
    public static final int AXIS_STEPS = 127;
    /** Binary-angle units per full turn. */
    public static final int AIM_UNITS_PER_TURN = 65536;

    private static final double RADIANS_PER_AIM_UNIT = 2.0 * Math.PI / AIM_UNITS_PER_TURN;

    /** Quantizes float controls into an input; axes are clamped to [-1, 1], any angle wraps. */
    public static PlayerInput of(int tick, float moveX, float moveY, float aimRadians, boolean fire) {
        return of(tick, moveX, moveY, aimRadians, fire, 0);
    }

    /** As {@link #of(int, float, float, float, boolean)} with a view delay, clamped to 0..255 ticks. */
    public static PlayerInput of(int tick, float moveX, float moveY, float aimRadians, boolean fire,
                                 int viewDelayTicks) {
        int delay = viewDelayTicks < 0 ? 0 : Math.min(viewDelayTicks, 255);
        return new PlayerInput(tick, quantizeAxis(moveX), quantizeAxis(moveY), quantizeAim(aimRadians), fire,
                (byte) delay);
    }

    /** No movement, no fire, keeping the given aim. */
    public static PlayerInput idle(int tick, short aim) {
        return new PlayerInput(tick, (byte) 0, (byte) 0, aim, false, (byte) 0);
    }

    /** The view delay as an unsigned tick count. */
    public int viewDelay() {
        return viewDelayTicks & 0xFF;
    }

    public static byte quantizeAxis(float axis) {
        float clamped = axis < -1f ? -1f : (axis > 1f ? 1f : axis);
        if (Float.isNaN(clamped)) {
            return 0;
        }
        return (byte) Math.round(clamped * AXIS_STEPS);
    }

    /** Wraps any angle (NaN becomes 0) to the 16-bit binary angle; the short cast is the wrap. */
    public static short quantizeAim(float aimRadians) {
        if (Float.isNaN(aimRadians) || Float.isInfinite(aimRadians)) {
            return 0;
        }
        return (short) Math.round(aimRadians / RADIANS_PER_AIM_UNIT);
    }

    public static float aimToRadians(short aim) {
        return (float) (aim * RADIANS_PER_AIM_UNIT);
    }

    public float moveXAxis() {
        return moveX / (float) AXIS_STEPS;
    }

    public float moveYAxis() {
        return moveY / (float) AXIS_STEPS;
    }

    public float aimRadians() {
        return aimToRadians(aim);
    }
}
