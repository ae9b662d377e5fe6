package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.internal.ReconfigParameter.IncomingResetRequest;
import dev.netcode.webrtc.sctp.internal.ReconfigParameter.OutgoingResetRequest;
import dev.netcode.webrtc.sctp.internal.ReconfigParameter.Response;
import dev.netcode.webrtc.sctp.internal.ReconfigParameter.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stream reset (RFC 6525) as WebRTC uses it to close a DataChannel (RFC 8831 §6.7): each side
 * resets its <em>outgoing</em> stream with an Outgoing SSN Reset Request; a side receiving such a
 * request resets the incoming direction and, if it has not done so already, requests the reset of
 * its own outgoing direction. When both directions of a stream are reset the close is complete on
 * that side, {@code onStreamReset} fires and the id may be reused.
 *
 * <p>Only one request is in flight at a time (§5.1.1); further streams wait in a pending set and
 * go out together in the next request. A request is retransmitted on the RTO timer with the same
 * sequence number; the receiver answers a retransmission with the result it gave before.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The receiver must not reset until it has received every TSN up to the sender's last
 *       assigned TSN (§5.2.2), or it would reset under the feet of data still in flight: such a
 *       request is answered "In progress" and nothing is remembered; the sender asks again after
 *       an RTO with a <em>new</em> request sequence number. That is what Chrome's dcSCTP does on
 *       both sides, and a sender that re-used the old number would be told "already done: in
 *       progress" forever.</li>
 *   <li>A stream to be reset first sends what was queued on it, then its reset request goes out.</li>
 * </ul>
 */
public final class StreamResetHandler {
    /** What the handler needs from the association. */
    public interface Host {
        boolean outgoingDrained(int streamId);

        int lastAssignedTsn();

        int receivedCumulativeTsn();

        /** Empty array: all streams. */
        void resetIncoming(int[] streamIds);

        void resetOutgoing(int streamId);

        void sendReconfig(ReconfigChunk chunk);

        void streamResetComplete(int streamId);

        void startReconfigTimer();

        void stopReconfigTimer();
    }

    private static final int OUT_DONE = 1;
    private static final int IN_DONE = 2;
    /** Streams per request: keeps the RE-CONFIG chunk well inside one packet. */
    private static final int MAX_STREAMS_PER_REQUEST = 256;

    private final Host host;
    private int nextRequestSeq;
    private int peerExpectedRequestSeq;
    private final Set<Integer> pendingOutgoing = new LinkedHashSet<>();
    private final Set<Integer> paused = new HashSet<>();
    private final Map<Integer, Integer> halfDone = new HashMap<>();
    private OutgoingResetRequest inFlight;
    /** The peer answered "In progress": the next send of {@link #inFlight} takes a new number. */
    private boolean retryWithNewSeq;
    private int lastResponseResult = Response.SUCCESS_PERFORMED;

    /** Sequence numbers start at the initial TSNs (RFC 6525 §5.1.1). */
    public StreamResetHandler(Host host, int localInitialTsn, int peerInitialTsn) {
        this.host = host;
        this.nextRequestSeq = localInitialTsn;
        this.peerExpectedRequestSeq = peerInitialTsn;
    }

    public boolean isResetting(int streamId) {
        // Asked for every message sent and every packet assembled; resets are rare, so skip the
        // boxing and hashing while none is under way.
        return !paused.isEmpty() && paused.contains(streamId);
    }

    /** Requests the reset of our outgoing direction of {@code streamIds}. */
    public void requestReset(int[] streamIds) {
        for (int id : streamIds) {
            if (paused.add(id)) {
                pendingOutgoing.add(id);
            }
        }
        maybeSendRequest();
    }

    /** Sends the next request if none is in flight and a pending stream has drained. */
    public void maybeSendRequest() {
        if (inFlight != null || pendingOutgoing.isEmpty()) {
            return;
        }
        List<Integer> ready = new ArrayList<>();
        for (Integer id : pendingOutgoing) {
            if (host.outgoingDrained(id)) {
                ready.add(id);
                if (ready.size() == MAX_STREAMS_PER_REQUEST) {
                    break;
                }
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        int[] ids = new int[ready.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ready.get(i);
            pendingOutgoing.remove(ready.get(i));
        }
        inFlight = new OutgoingResetRequest(nextRequestSeq++, peerExpectedRequestSeq - 1, host.lastAssignedTsn(), ids);
        retryWithNewSeq = false;
        host.sendReconfig(new ReconfigChunk(List.of(inFlight)));
        host.startReconfigTimer();
    }

    /** Whether the outstanding request is waiting for a response (its timer expiring is an error). */
    public boolean awaitingResponse() {
        return inFlight != null && !retryWithNewSeq;
    }

    /**
     * Reconfiguration timer expired: send the outstanding request again, with the same number
     * after a timeout, with a new one after an "In progress" answer.
     */
    public void onTimer() {
        if (inFlight == null) {
            return;
        }
        if (retryWithNewSeq) {
            inFlight = new OutgoingResetRequest(nextRequestSeq++, peerExpectedRequestSeq - 1,
                    inFlight.lastAssignedTsn(), inFlight.streams());
            retryWithNewSeq = false;
        }
        host.sendReconfig(new ReconfigChunk(List.of(inFlight)));
        host.startReconfigTimer();
    }

    public boolean requestInFlight() {
        return inFlight != null;
    }

    /** Handles a received RE-CONFIG chunk. */
    public void onReconfig(ReconfigChunk chunk) {
        List<ReconfigParameter> responses = new ArrayList<>(2);
        for (ReconfigParameter p : chunk.parameters()) {
            if (p instanceof OutgoingResetRequest req) {
                responses.add(new Response(req.requestSeq(), onOutgoingRequest(req)));
            } else if (p instanceof Response resp) {
                onResponse(resp);
            } else if (p instanceof IncomingResetRequest req) {
                // WebRTC peers reset their own outgoing streams; asking us to do it is not supported.
                responses.add(new Response(req.requestSeq(), Response.DENIED));
                advancePeerSeq(req.requestSeq());
            } else if (p instanceof Unsupported u) {
                responses.add(new Response(u.requestSeq(), Response.DENIED));
                advancePeerSeq(u.requestSeq());
            }
        }
        if (!responses.isEmpty()) {
            host.sendReconfig(new ReconfigChunk(responses));
        }
    }

    private void advancePeerSeq(int seq) {
        if (seq == peerExpectedRequestSeq) {
            peerExpectedRequestSeq++;
            lastResponseResult = Response.DENIED;
        }
    }

    private int onOutgoingRequest(OutgoingResetRequest req) {
        if (req.requestSeq() == peerExpectedRequestSeq - 1) {
            return lastResponseResult; // §5.2.1: a retransmission gets the same answer
        }
        if (req.requestSeq() != peerExpectedRequestSeq) {
            return Response.ERROR_BAD_SEQUENCE_NUMBER;
        }
        peerExpectedRequestSeq++;
        if (Serial.le(req.lastAssignedTsn(), host.receivedCumulativeTsn())) {
            perform(req);
            lastResponseResult = Response.SUCCESS_PERFORMED;
        } else {
            lastResponseResult = Response.IN_PROGRESS; // data still missing: the peer asks again
        }
        return lastResponseResult;
    }

    private void perform(OutgoingResetRequest req) {
        host.resetIncoming(req.streams());
        for (int id : req.streams()) {
            // Decide before markDone: completing the stream removes it from `paused`, and asking
            // then would reset a stream that is already closed on both sides (and pause it forever).
            boolean ownResetStarted = paused.contains(id);
            markDone(id, IN_DONE);
            if (!ownResetStarted) {
                requestReset(new int[] {id}); // symmetric close (RFC 8831 §6.7)
            }
        }
    }

    private void onResponse(Response resp) {
        if (inFlight == null || retryWithNewSeq || resp.responseSeq() != inFlight.requestSeq()) {
            return; // stale or unsolicited
        }
        switch (resp.result()) {
            case Response.IN_PROGRESS -> {
                retryWithNewSeq = true; // ask again after an RTO, with a new number (see Pitfalls)
                host.startReconfigTimer();
            }
            case Response.SUCCESS_PERFORMED, Response.SUCCESS_NOTHING_TO_DO -> {
                OutgoingResetRequest done = inFlight;
                inFlight = null;
                host.stopReconfigTimer();
                for (int id : done.streams()) {
                    host.resetOutgoing(id);
                    markDone(id, OUT_DONE);
                }
                maybeSendRequest();
            }
            default -> {
                // Denied or error: the streams stay usable; the caller sees no onStreamReset.
                OutgoingResetRequest failed = inFlight;
                inFlight = null;
                host.stopReconfigTimer();
                for (int id : failed.streams()) {
                    paused.remove(id);
                }
                maybeSendRequest();
            }
        }
    }

    private void markDone(int streamId, int bit) {
        int flags = halfDone.merge(streamId, bit, (a, b) -> a | b);
        if (flags == (OUT_DONE | IN_DONE)) {
            halfDone.remove(streamId);
            paused.remove(streamId);
            host.streamResetComplete(streamId);
        }
    }
}
