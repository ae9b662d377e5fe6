package dev.netcode.webrtc.datachannel;

/**
 * The W3C {@code RTCPriorityType} of a data channel and its value in the Priority field of
 * DATA_CHANNEL_OPEN (RFC 8832 §5.1, values per RFC 8831 §6 and W3C WebRTC Priority Control):
 * very-low 128, low 256 (the default), medium 512, high 1024.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Peers may send any 16-bit value. {@link #fromWire(int)} (our choice) maps each value to the
 *       lowest level whose number is at least as large (0..128 very-low, 129..256 low, 257..512
 *       medium, above that high), so the level survives a decode but the exact number may not.</li>
 * </ul>
 */
public enum DataChannelPriority {
    VERY_LOW(128),
    LOW(256),
    MEDIUM(512),
    HIGH(1024);

    private final int wireValue;

    DataChannelPriority(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value written in DATA_CHANNEL_OPEN. */
    public int wireValue() {
        return wireValue;
    }

    /** The priority for a received 16-bit value. */
    public static DataChannelPriority fromWire(int value) {
        if (value <= VERY_LOW.wireValue) {
            return VERY_LOW;
        }
        if (value <= LOW.wireValue) {
            return LOW;
        }
        if (value <= MEDIUM.wireValue) {
            return MEDIUM;
        }
        return HIGH;
    }
}
