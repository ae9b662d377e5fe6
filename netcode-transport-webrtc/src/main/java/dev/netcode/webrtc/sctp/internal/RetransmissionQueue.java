package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpProtocolViolationException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Sender-side bookkeeping of DATA chunks that have a TSN (RFC 9260 §6.3, §7.2.4; RFC 3758 §3.5):
 * what is in flight, what a SACK acknowledged cumulatively or by gap blocks, which chunks collected
 * three miss indications (fast retransmit), and which messages PR-SCTP abandoned so that the
 * Advanced.Peer.Ack.Point can move and a FORWARD TSN be sent.
 *
 * <p>Chunks are kept in TSN order in a growable ring; TSNs are assigned consecutively, so the head
 * is always the oldest unacknowledged chunk, a cumulative ack pops from the head, and the chunk of
 * any outstanding TSN is found by index. A SACK therefore costs O(newly acknowledged chunks + TSNs
 * its gap blocks cover), not O(outstanding): a loss-free bulk transfer with thousands of chunks in
 * flight touches only what each SACK acknowledges. The full walk is left to the loss paths (miss
 * indications, reneging, PR-SCTP scans). Steady state allocates nothing.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Miss indications follow HTNA (RFC 9260 §7.2.4) generalised to transmission order: a chunk
 *       collects a miss only when this SACK newly acknowledges a chunk <em>sent after it</em>. For
 *       first transmissions that is exactly "below the highest TSN newly acknowledged"; for a
 *       retransmission it means its counter restarts when it is sent again, so a retransmission that
 *       is lost again is fast-retransmitted again after three fresh miss indications instead of
 *       waiting for T3-rtx. Under 10 % loss that turns hundreds of timeouts (each collapsing cwnd to
 *       one MTU) into fast retransmits.</li>
 *   <li>A chunk acknowledged only by a gap block may be reneged; it stays here until the cumulative
 *       ack passes it.</li>
 *   <li>Abandonment is per message: one fragment given up makes the whole message worthless.</li>
 * </ul>
 */
public final class RetransmissionQueue {
    /** Outcome of one SACK, reused between calls. */
    public static final class SackResult {
        public boolean stale;
        public boolean cumulativeAdvanced;
        public long bytesAcked;
        public long flightBeforeBytes;
        /** RTT sample in nanos from a chunk sent once, or -1. */
        public long rttNanos;
        /** Chunks newly marked for fast retransmission. */
        public int fastRetransmits;
        /** The Advanced.Peer.Ack.Point moved past abandoned chunks beyond the cumulative ack. */
        public boolean ackPointAdvanced;
    }

    /**
     * Outstanding chunks in TSN order: ring[(head + i) & (ring.length - 1)], i < count. Starts small
     * (a game connection has a few dozen chunks in flight; a host keeps hundreds of these) and
     * doubles as the flight grows; the cwnd/rwnd bound the flight and so the ring. A burst (the
     * joins' full snapshots, a backlog after a stall) must not leave every connection with a big
     * ring for good, so it shrinks again once it has drained and stayed mostly empty for
     * {@value #SHRINK_CHECK_CHUNKS} acknowledged chunks (at most one allocation per that many).
     */
    private OutboundChunk[] ring = new OutboundChunk[INITIAL_RING_CHUNKS];
    static final int INITIAL_RING_CHUNKS = 32;
    static final int SHRINK_CHECK_CHUNKS = 1024;
    private int head;
    private int count;
    /** Most chunks outstanding at once since the last shrink check, and chunks acked since then. */
    private int highWaterChunks;
    private int ackedSinceCheck;
    /** Chunks currently GAP_ACKED (a SACK covering fewer of them means some were reneged). */
    private int gapAckedCount;
    private final SackResult result = new SackResult();
    private int nextTsn;
    private int cumulativeTsnAck;
    private int advancedPeerAckPoint;
    private long flightBytes;
    private int toRetransmit;
    private long peerRwndBytes;
    private long sendSeq;
    /** Earliest lifetime expiry among chunks added since the last scan (Long.MAX_VALUE: none). */
    private long nextExpiryNanos = Long.MAX_VALUE;

    public RetransmissionQueue(int initialTsn, long peerRwndBytes) {
        this.nextTsn = initialTsn;
        this.cumulativeTsnAck = initialTsn - 1;
        this.advancedPeerAckPoint = cumulativeTsnAck;
        this.peerRwndBytes = peerRwndBytes;
    }

    public int nextTsn() {
        return nextTsn;
    }

    private OutboundChunk get(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    /** Index of {@code tsn} in the ring, or -1 if it is not outstanding. */
    private int indexOf(int tsn) {
        if (count == 0) {
            return -1;
        }
        int i = tsn - ring[head].tsn(); // serial arithmetic: TSNs wrap at 2^32
        return i >= 0 && i < count ? i : -1;
    }

    private void addLast(OutboundChunk c) {
        if (count == ring.length) {
            OutboundChunk[] bigger = new OutboundChunk[ring.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = get(i);
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + count) & (ring.length - 1)] = c;
        count++;
        if (count > highWaterChunks) {
            highWaterChunks = count;
        }
    }

    /**
     * Called when the ring has just drained: after enough acknowledged chunks, a ring four times
     * larger than the most it held meanwhile goes back to twice that (never below the initial size).
     */
    private void maybeShrink() {
        if (ackedSinceCheck < SHRINK_CHECK_CHUNKS) {
            return;
        }
        if (ring.length > INITIAL_RING_CHUNKS && highWaterChunks * 4 <= ring.length) {
            int size = Math.max(INITIAL_RING_CHUNKS, Integer.highestOneBit(Math.max(1, highWaterChunks)) << 2);
            if (size < ring.length) {
                ring = new OutboundChunk[size];
                head = 0;
            }
        }
        highWaterChunks = 0;
        ackedSinceCheck = 0;
    }

    /** The ring's length (for tests of its memory use). */
    int capacityChunks() {
        return ring.length;
    }

    private OutboundChunk pollFirst() {
        OutboundChunk c = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        count--;
        return c;
    }

    /** Last TSN assigned so far (the "Sender's Last Assigned TSN" of RFC 6525). */
    public int lastAssignedTsn() {
        return nextTsn - 1;
    }

    public int cumulativeTsnAck() {
        return cumulativeTsnAck;
    }

    public long flightBytes() {
        return flightBytes;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int size() {
        return count;
    }

    public boolean hasRetransmits() {
        return toRetransmit > 0;
    }

    /** The peer's receive window minus what we have in flight (RFC 9260 §6.2.1). */
    public long peerRwndBytes() {
        return Math.max(0, peerRwndBytes - flightBytes);
    }

    /** The window the peer advertised last (before subtracting flight). */
    public long peerAdvertisedRwndBytes() {
        return peerRwndBytes;
    }

    public void setPeerAdvertisedRwndBytes(long bytes) {
        peerRwndBytes = bytes;
    }

    /** Records a new chunk just cut from the send queue (its TSN is {@link #nextTsn()}). */
    public void add(OutboundChunk c, long nowNanos) {
        nextTsn++;
        addLast(c);
        markSent(c, nowNanos);
        long expires = c.message.expiresAtNanos;
        if (expires != Long.MAX_VALUE && (nextExpiryNanos == Long.MAX_VALUE || expires - nextExpiryNanos < 0)) {
            nextExpiryNanos = expires;
        }
    }

    /**
     * The earliest lifetime expiry of an outstanding chunk, or {@code Long.MAX_VALUE}. May be stale
     * (earlier than the truth) after acknowledgements; a scan with {@link #abandonPerPolicy} fixes it.
     */
    public long nextExpiryNanos() {
        return nextExpiryNanos;
    }

    /** Whether an outstanding message may have outlived its lifetime (worth a policy scan). */
    public boolean expiryDue(long nowNanos) {
        return nextExpiryNanos != Long.MAX_VALUE && nowNanos - nextExpiryNanos >= 0;
    }

    /**
     * Records the placeholder of a partly sent, abandoned message: it takes its TSN but is never
     * sent; the whole message is abandoned.
     *
     * @return true if the Advanced.Peer.Ack.Point moved
     */
    public boolean addPlaceholder(OutboundChunk c) {
        nextTsn++;
        c.state = OutboundChunk.ABANDONED;
        addLast(c);
        for (int i = 0; i < count; i++) {
            OutboundChunk o = get(i);
            if (o.message == c.message && o.state != OutboundChunk.ABANDONED) {
                leave(o);
                o.state = OutboundChunk.ABANDONED;
            }
        }
        return advanceAckPoint();
    }

    private void markSent(OutboundChunk c, long nowNanos) {
        c.state = OutboundChunk.IN_FLIGHT;
        c.transmissions++;
        c.lastSentNanos = nowNanos;
        c.sendSeq = ++sendSeq;
        c.missIndications = 0;
        flightBytes += c.payloadBytes;
    }

    /** First chunk waiting for retransmission, or null. */
    public OutboundChunk peekRetransmit() {
        if (toRetransmit == 0) {
            return null;
        }
        for (int i = 0; i < count; i++) {
            OutboundChunk c = get(i);
            if (c.state == OutboundChunk.TO_RETRANSMIT) {
                return c;
            }
        }
        return null;
    }

    /** The chunk from {@link #peekRetransmit()} has been put in a packet again. */
    public void retransmitted(OutboundChunk c, long nowNanos) {
        toRetransmit--;
        markSent(c, nowNanos);
    }

    /**
     * Processes a SACK.
     *
     * @throws SctpProtocolViolationException if it acknowledges a TSN we never sent
     */
    public SackResult onSack(SackChunk sack, long nowNanos) {
        SackResult r = result;
        r.stale = false;
        r.cumulativeAdvanced = false;
        r.bytesAcked = 0;
        r.flightBeforeBytes = flightBytes;
        r.rttNanos = -1;
        r.fastRetransmits = 0;
        r.ackPointAdvanced = false;
        int cum = sack.cumulativeTsnAck();
        if (Serial.lt(cum, cumulativeTsnAck)) {
            r.stale = true; // out-of-order SACK (§6.2.1): ignore entirely
            return r;
        }
        if (Serial.ge(cum, nextTsn)) {
            throw new SctpProtocolViolationException("SACK acknowledges TSN " + Serial.str(cum) + " never sent");
        }
        long rttCandidate = -1;
        long highestNewlyAckedSeq = 0;
        while (count > 0 && Serial.le(ring[head].tsn(), cum)) {
            OutboundChunk c = pollFirst();
            if (c.state != OutboundChunk.GAP_ACKED && c.state != OutboundChunk.ABANDONED) {
                r.bytesAcked += c.payloadBytes;
                highestNewlyAckedSeq = Math.max(highestNewlyAckedSeq, c.sendSeq);
                if (c.transmissions == 1) {
                    rttCandidate = nowNanos - c.lastSentNanos;
                }
            }
            leave(c);
            ackedSinceCheck++;
        }
        if (count == 0) {
            maybeShrink();
        }
        if (Serial.gt(cum, cumulativeTsnAck)) {
            r.cumulativeAdvanced = true;
            cumulativeTsnAck = cum;
        }
        if (Serial.lt(advancedPeerAckPoint, cumulativeTsnAck)) {
            advancedPeerAckPoint = cumulativeTsnAck;
        }
        // Gap blocks: visit only the TSNs they cover, by index. Offsets are relative to the
        // cumulative TSN ack (§3.3.4); a hostile peer's overlapping or unsorted blocks are clipped
        // so that each outstanding chunk is visited at most once.
        int[] starts = sack.gapStarts();
        int[] ends = sack.gapEnds();
        int covered = 0;
        int visitedUpTo = -1; // highest ring index visited so far
        if (count > 0) {
            int base = cum - ring[head].tsn(); // ring index of offset 0 (usually -1)
            for (int b = 0; b < starts.length; b++) {
                int from = Math.max(base + starts[b], visitedUpTo + 1);
                int to = Math.min(base + ends[b], count - 1);
                for (int i = Math.max(from, 0); i <= to; i++) {
                    OutboundChunk c = get(i);
                    if (c.state == OutboundChunk.IN_FLIGHT || c.state == OutboundChunk.TO_RETRANSMIT) {
                        if (c.state == OutboundChunk.IN_FLIGHT) {
                            flightBytes -= c.payloadBytes;
                        } else {
                            toRetransmit--;
                        }
                        c.state = OutboundChunk.GAP_ACKED;
                        gapAckedCount++;
                        r.bytesAcked += c.payloadBytes;
                        highestNewlyAckedSeq = Math.max(highestNewlyAckedSeq, c.sendSeq);
                        if (c.transmissions == 1) {
                            rttCandidate = nowNanos - c.lastSentNanos;
                        }
                    }
                    if (c.state == OutboundChunk.GAP_ACKED) {
                        covered++;
                    }
                }
                visitedUpTo = Math.max(visitedUpTo, to);
            }
        }
        if (covered < gapAckedCount) {
            renege(cum, starts, ends);
        }
        // Miss indications (HTNA by transmission order, see class Javadoc) and fast retransmit marking.
        // Only with gap blocks: a SACK without them reports no hole.
        if (highestNewlyAckedSeq != 0 && starts.length > 0) {
            for (int i = 0; i < count; i++) {
                OutboundChunk c = get(i);
                if (c.state == OutboundChunk.IN_FLIGHT && c.sendSeq < highestNewlyAckedSeq
                        && ++c.missIndications >= 3) {
                    markForRetransmit(c);
                    r.fastRetransmits++;
                }
            }
        }
        peerRwndBytes = sack.aRwnd();
        r.rttNanos = rttCandidate;
        r.ackPointAdvanced = advanceAckPoint() && forwardTsnNeeded();
        return r;
    }

    /**
     * Chunks gap-acknowledged before but outside every block of this SACK were dropped by the peer
     * (reneged, §6.2.1 D): outstanding again. Rare, so a full walk; both the blocks and the queue
     * are in TSN order, so walk them together.
     */
    private void renege(int cum, int[] starts, int[] ends) {
        int block = 0;
        for (int i = 0; i < count; i++) {
            OutboundChunk c = get(i);
            if (c.state != OutboundChunk.GAP_ACKED) {
                continue;
            }
            int offset = c.tsn() - cum;
            while (block < starts.length && ends[block] < offset) {
                block++;
            }
            boolean acked = block < starts.length && offset >= starts[block] && offset <= ends[block];
            if (!acked) {
                c.state = OutboundChunk.IN_FLIGHT;
                gapAckedCount--;
                flightBytes += c.payloadBytes;
            }
        }
    }

    private void leave(OutboundChunk c) {
        if (c.state == OutboundChunk.IN_FLIGHT) {
            flightBytes -= c.payloadBytes;
        } else if (c.state == OutboundChunk.TO_RETRANSMIT) {
            toRetransmit--;
        } else if (c.state == OutboundChunk.GAP_ACKED) {
            gapAckedCount--;
        }
    }

    private void markForRetransmit(OutboundChunk c) {
        flightBytes -= c.payloadBytes;
        c.state = OutboundChunk.TO_RETRANSMIT;
        toRetransmit++;
    }

    /** T3-rtx expired: everything in flight is to be sent again (RFC 9260 §6.3.3 E3). */
    public void onRetransmissionTimeout() {
        for (int i = 0; i < count; i++) {
            OutboundChunk c = get(i);
            if (c.state == OutboundChunk.IN_FLIGHT) {
                markForRetransmit(c);
            }
        }
    }

    /** Highest TSN sent and not yet acknowledged in any way (ends a fast-recovery episode). */
    public int highestOutstandingTsn() {
        return count == 0 ? cumulativeTsnAck : get(count - 1).tsn();
    }

    /**
     * Applies PR-SCTP policies (RFC 3758 §3.5) to chunks waiting for retransmission and to
     * expired messages in flight: a message past its retransmission limit or lifetime is abandoned.
     *
     * @return true if the Advanced.Peer.Ack.Point moved (a FORWARD TSN should be sent)
     */
    public boolean abandonPerPolicy(long nowNanos) {
        boolean any = false;
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            OutboundChunk c = get(i);
            if (c.state == OutboundChunk.ABANDONED || c.state == OutboundChunk.GAP_ACKED) {
                continue;
            }
            OutboundMessage m = c.message;
            if (m.expiresAtNanos != Long.MAX_VALUE && !m.expired(nowNanos)
                    && (earliest == Long.MAX_VALUE || m.expiresAtNanos - earliest < 0)) {
                earliest = m.expiresAtNanos;
            }
            boolean giveUp = m.abandoned
                    || (c.state == OutboundChunk.TO_RETRANSMIT && m.maxRetransmits >= 0
                            && c.transmissions > m.maxRetransmits)
                    || m.expired(nowNanos);
            if (giveUp) {
                m.abandoned = true;
                any = true;
            }
        }
        nextExpiryNanos = earliest;
        if (!any) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            OutboundChunk c = get(i);
            if (c.message.abandoned && c.state != OutboundChunk.ABANDONED) {
                leave(c);
                c.state = OutboundChunk.ABANDONED;
            }
        }
        return advanceAckPoint();
    }

    private boolean advanceAckPoint() {
        int before = advancedPeerAckPoint;
        // Start right after the current ack point (by index), not at the head.
        int i = indexOf(advancedPeerAckPoint + 1);
        while (i >= 0 && i < count && get(i).state == OutboundChunk.ABANDONED) {
            advancedPeerAckPoint = get(i).tsn();
            i++;
        }
        return advancedPeerAckPoint != before;
    }

    /** Whether the peer must be told to skip abandoned TSNs. */
    public boolean forwardTsnNeeded() {
        return Serial.gt(advancedPeerAckPoint, cumulativeTsnAck);
    }

    /** FORWARD TSN for the current Advanced.Peer.Ack.Point, with the last skipped SSN per ordered stream. */
    public ForwardTsnChunk buildForwardTsn() {
        Map<Integer, Integer> ssnByStream = new HashMap<>();
        for (int i = 0; i < count; i++) {
            OutboundChunk c = get(i);
            if (Serial.gt(c.tsn(), advancedPeerAckPoint)) {
                break;
            }
            if (!c.chunk.unordered()) {
                ssnByStream.merge(c.chunk.streamId(), c.chunk.ssn(), (a, b) -> Serial.lt16(a, b) ? b : a);
            }
        }
        int[] streams = new int[ssnByStream.size()];
        int[] ssns = new int[ssnByStream.size()];
        int i = 0;
        for (Map.Entry<Integer, Integer> e : ssnByStream.entrySet()) {
            streams[i] = e.getKey();
            ssns[i] = e.getValue();
            i++;
        }
        return new ForwardTsnChunk(advancedPeerAckPoint, streams, ssns);
    }

    /** Forgets everything (abort). */
    public void clear() {
        Arrays.fill(ring, null);
        head = 0;
        count = 0;
        gapAckedCount = 0;
        nextExpiryNanos = Long.MAX_VALUE;
        flightBytes = 0;
        toRetransmit = 0;
    }
}
