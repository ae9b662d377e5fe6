package dev.netcode.webrtc.ice.internal;

import dev.netcode.webrtc.ice.IceRole;
import dev.netcode.webrtc.stun.StunTransactionId;
import java.net.InetSocketAddress;

/** One outstanding STUN request with its retransmission state (RFC 8489 §6.2.1). */
public final class StunTransaction {
    public enum Kind { CHECK, CONSENT, SERVER_REFLEXIVE }

    public final StunTransactionId id;
    public final Kind kind;
    public final byte[] request;
    public final IceSocket socket;
    public final InetSocketAddress recipient;
    public final CandidatePair pair;
    public final boolean useCandidate;
    public final IceRole role;
    public final long requestPriority;
    public long dueNs;
    public long rtoNs;
    public int retransmitsLeft;

    public StunTransaction(StunTransactionId id, Kind kind, byte[] request, IceSocket socket, InetSocketAddress recipient,
                           CandidatePair pair, boolean useCandidate, IceRole role, long requestPriority,
                           long nowNs, long rtoNs, int retransmits) {
        this.id = id;
        this.kind = kind;
        this.request = request;
        this.socket = socket;
        this.recipient = recipient;
        this.pair = pair;
        this.useCandidate = useCandidate;
        this.role = role;
        this.requestPriority = requestPriority;
        this.rtoNs = rtoNs;
        this.dueNs = nowNs + rtoNs;
        this.retransmitsLeft = retransmits;
    }
}
