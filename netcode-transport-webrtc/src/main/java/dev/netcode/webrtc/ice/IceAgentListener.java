package dev.netcode.webrtc.ice;

import java.util.List;

/**
 * Events of an {@link IceAgent}, all delivered on its event loop. Every method has an empty default.
 */
public interface IceAgentListener {
    /** A local candidate was gathered: trickle it to the peer (RFC 8838). */
    default void onLocalCandidate(IceCandidate candidate) {
    }

    /** Gathering finished; {@code all} are every local candidate (for a non-trickle offer/answer). */
    default void onGatheringComplete(List<IceCandidate> all) {
    }

    default void onStateChange(IceConnectionState previous, IceConnectionState current) {
    }

    /**
     * The agent can send for the first time: a candidate pair is valid (for a lite agent: the first
     * authenticated check arrived), usually before one is nominated. Datagrams {@link IceAgent#send}
     * held until now have just gone out. Fires once per agent.
     */
    default void onWritable() {
    }

    /** A pair was selected (or replaced by a better nomination). */
    default void onSelectedPair(IceCandidate local, IceCandidate remote) {
    }

    /**
     * Consent on the selected pair has been lost for {@link IceConfig#consentLossRestartMs()} (and
     * again every as long while no restart succeeds): the owner should restart ICE
     * ({@link IceAgent#restart}) and signal new credentials. The agent itself changes nothing.
     */
    default void onRestartNeeded() {
    }

    /** A new ICE generation (RFC 8445 §9) began: both sides' credentials changed, checks start over. */
    default void onGenerationChange(int generation) {
    }

    /** The role changed after a role conflict (RFC 8445 §7.3.1.1). */
    default void onRoleChange(IceRole role) {
    }
}
