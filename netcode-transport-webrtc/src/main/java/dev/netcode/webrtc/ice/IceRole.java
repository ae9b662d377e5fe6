package dev.netcode.webrtc.ice;

/** The ICE role (RFC 8445 §6.1.1): the controlling agent nominates the pair both ends use. */
public enum IceRole {
    CONTROLLING,
    CONTROLLED;

    public IceRole opposite() {
        return this == CONTROLLING ? CONTROLLED : CONTROLLING;
    }
}
