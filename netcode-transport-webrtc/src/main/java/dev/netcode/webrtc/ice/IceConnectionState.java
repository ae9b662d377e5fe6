package dev.netcode.webrtc.ice;

/**
 * The agent's connection state, named like W3C {@code RTCIceConnectionState}.
 *
 * <pre>
 *  NEW ──start──► CHECKING ──pair selected──► CONNECTED ──checks done──► COMPLETED
 *                    │                          │  ▲                        │
 *                    │                  silence │  │ traffic again          │
 *                    │                          ▼  │                        │
 *                    │                       DISCONNECTED ◄─────────────────┘
 *                    │                          │ consent expired (RFC 7675)
 *                    └──all pairs failed───► FAILED        any ──close──► CLOSED
 * </pre>
 */
public enum IceConnectionState {
    NEW,
    CHECKING,
    CONNECTED,
    COMPLETED,
    DISCONNECTED,
    FAILED,
    CLOSED;

    /** True in CONNECTED and COMPLETED: a pair is selected and consent is fresh. */
    public boolean isConnected() {
        return this == CONNECTED || this == COMPLETED;
    }

    /** True in FAILED and CLOSED, from which the agent never leaves. */
    public boolean isTerminal() {
        return this == FAILED || this == CLOSED;
    }
}
