package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.AbortChunk;
import dev.netcode.webrtc.sctp.internal.Chunk;
import dev.netcode.webrtc.sctp.internal.CongestionControl;
import dev.netcode.webrtc.sctp.internal.CookieAckChunk;
import dev.netcode.webrtc.sctp.internal.CookieEchoChunk;
import dev.netcode.webrtc.sctp.internal.ErrorCause;
import dev.netcode.webrtc.sctp.internal.ErrorChunk;
import dev.netcode.webrtc.sctp.internal.InitChunk;
import dev.netcode.webrtc.sctp.internal.LazyTimer;
import dev.netcode.webrtc.sctp.internal.ReceivedTsnTracker;
import dev.netcode.webrtc.sctp.internal.SctpPacket;
import dev.netcode.webrtc.sctp.internal.ShutdownCompleteChunk;
import dev.netcode.webrtc.sctp.internal.StateCookie;
import dev.netcode.webrtc.sctp.internal.StreamResetHandler;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Association setup (RFC 9260 §5): the four-way handshake INIT → INIT ACK (with a signed state
 * cookie) → COOKIE ECHO → COOKIE ACK, its T1-init timer, and the verification-tag rules of §8.5.
 *
 * <p>The side answering an INIT keeps no state: everything it needs to establish comes back in
 * the cookie ({@link StateCookie}), which is what makes INIT floods harmless (§5.1.3). Browsers
 * have both WebRTC peers send INIT, so INITs may cross; §5.2.1 makes that converge on one
 * association. Between two of our peers only one initiates ({@link #listen} on the other), which
 * halves the handshake packets.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Restart (INIT on an established association) is refused: WebRTC restarts with a new DTLS
 *       session and therefore a new association object.</li>
 *   <li>An INIT must be the only chunk of its packet and carry verification tag 0 (§6.10); ABORT and
 *       SHUTDOWN COMPLETE may carry the peer's tag reflected (T bit, §8.5.1).</li>
 * </ul>
 */
final class Handshake {
    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    private final Tcb tcb;
    private final StateCookie cookies;
    private final LazyTimer t1Init;
    private InitChunk peerInitAck;
    private byte[] cookieToEcho;
    private int initRetransmits;
    /** {@link #listen} armed T1 as a fallback: when it fires still CLOSED, we send INIT ourselves. */
    private boolean listening;

    Handshake(Tcb tcb) {
        this.tcb = tcb;
        this.cookies = new StateCookie(tcb.config.random());
        this.t1Init = tcb.newTimer(this::onT1);
    }

    void connect() {
        if (tcb.state != SctpState.CLOSED) {
            throw new SctpInvalidStateException("connect() in state " + tcb.state);
        }
        listening = false;
        tcb.state = SctpState.COOKIE_WAIT;
        initRetransmits = 0;
        sendInit();
        t1Init.start(tcb.config.rtoInitialMs() * Tcb.MS);
    }

    /**
     * Waits for the peer's INIT instead of sending one, and sends its own only if none led to an
     * association within {@code fallbackMs}. When exactly one side of a pair initiates, setup is
     * one four-way exchange instead of two crossing ones (§5.2.4); a peer that initiates anyway
     * (every browser does) is answered as usual.
     */
    void listen(long fallbackMs) {
        if (tcb.state != SctpState.CLOSED) {
            throw new SctpInvalidStateException("listen() in state " + tcb.state);
        }
        listening = true;
        t1Init.start(fallbackMs * Tcb.MS);
    }

    /** §8.5: whether the packet's verification tag is acceptable given its first chunk. */
    boolean verificationTagOk(SctpPacket p, Chunk first) {
        int vtag = p.verificationTag();
        if (first instanceof AbortChunk a) {
            return a.reflectedTag() ? tcb.peerTag != 0 && vtag == tcb.peerTag : vtag == tcb.localTag;
        }
        if (first instanceof ShutdownCompleteChunk sc) {
            return sc.reflectedTag() ? tcb.peerTag != 0 && vtag == tcb.peerTag : vtag == tcb.localTag;
        }
        return vtag == tcb.localTag;
    }

    private void sendInit() {
        SctpConfig c = tcb.config;
        tcb.out.sendSingle(0, new InitChunk(false, tcb.localTag, tcb.advertisedRwnd(), c.streams(), c.streams(),
                tcb.localInitialTsn, true, true, null));
    }

    void onInit(InitChunk init) {
        if (init.initiateTag() == 0 || init.outboundStreams() == 0 || init.inboundStreams() == 0) {
            tcb.packetsDropped++; // §3.3.2: invalid mandatory fields; we have no TCB to abort
            return;
        }
        if (tcb.state.ordinal() >= SctpState.ESTABLISHED.ordinal()) {
            tcb.packetsDropped++; // restart is not supported (see class Javadoc)
            return;
        }
        // §5.2.1: in COOKIE_WAIT/COOKIE_ECHOED answer with our original tag and TSN; in CLOSED too,
        // since this object is one association.
        SctpConfig config = tcb.config;
        int out = Math.min(config.streams(), init.inboundStreams());
        int in = Math.min(config.streams(), init.outboundStreams());
        byte[] cookie = cookies.create(new StateCookie.Contents(tcb.localTag, init.initiateTag(),
                tcb.localInitialTsn, init.initialTsn(), init.aRwnd(), out, in, init.forwardTsnSupported(),
                init.reconfigSupported(), tcb.nowMs()));
        tcb.out.sendSingle(init.initiateTag(), new InitChunk(true, tcb.localTag, tcb.advertisedRwnd(),
                config.streams(), config.streams(), tcb.localInitialTsn, true, true, cookie));
    }

    void onInitAck(InitChunk ack) {
        if (tcb.state != SctpState.COOKIE_WAIT) {
            return; // §5.2.3: duplicate or late INIT ACK
        }
        if (ack.initiateTag() == 0 || ack.outboundStreams() == 0 || ack.inboundStreams() == 0) {
            throw new SctpProtocolViolationException("INIT ACK with invalid mandatory fields");
        }
        peerInitAck = ack;
        tcb.peerTag = ack.initiateTag();
        cookieToEcho = ack.cookie();
        tcb.state = SctpState.COOKIE_ECHOED;
        initRetransmits = 0;
        tcb.control.add(new CookieEchoChunk(cookieToEcho));
        t1Init.start(tcb.config.rtoInitialMs() * Tcb.MS);
    }

    void onCookieEcho(CookieEchoChunk echo) {
        StateCookie.Contents c = cookies.verify(echo.cookie());
        if (c == null || c.localTag() != tcb.localTag) {
            tcb.packetsDropped++;
            return;
        }
        long ageMs = tcb.nowMs() - c.createdAtMs();
        if (ageMs > tcb.config.cookieLifetimeMs()) {
            ByteBuffer staleness = ByteBuffer.allocate(4).putInt((int) Math.min(Integer.MAX_VALUE,
                    (ageMs - tcb.config.cookieLifetimeMs()) * 1000));
            tcb.out.sendSingle(c.peerTag(),
                    new ErrorChunk(List.of(new ErrorCause(ErrorCause.STALE_COOKIE, staleness.array()))));
            return;
        }
        switch (tcb.state) {
            case CLOSED, COOKIE_WAIT, COOKIE_ECHOED -> {
                // §5.2.4 case B / normal: the cookie carries the peer's parameters.
                establish(c.peerTag(), c.peerInitialTsn(), c.peerRwnd(), c.outboundStreams(), c.inboundStreams());
                tcb.control.add(new CookieAckChunk());
            }
            default -> {
                if (c.peerTag() == tcb.peerTag) {
                    tcb.control.add(new CookieAckChunk()); // §5.2.4 case D: our COOKIE ACK was lost
                } else {
                    tcb.packetsDropped++; // restart: unsupported
                }
            }
        }
    }

    void onCookieAck() {
        if (tcb.state != SctpState.COOKIE_ECHOED) {
            return;
        }
        InitChunk a = peerInitAck;
        int streams = tcb.config.streams();
        establish(a.initiateTag(), a.initialTsn(), a.aRwnd(), Math.min(streams, a.inboundStreams()),
                Math.min(streams, a.outboundStreams()));
    }

    private void establish(int peerTag, int peerInitialTsn, long peerRwnd, int out, int in) {
        tcb.peerTag = peerTag;
        tcb.outboundStreams = out;
        tcb.inboundStreams = in;
        tcb.tracker = new ReceivedTsnTracker(peerInitialTsn);
        tcb.cc = new CongestionControl(tcb.config.mtuBytes(), tcb.config.initialCwndMtus(), peerRwnd);
        tcb.rtx.setPeerAdvertisedRwndBytes(peerRwnd);
        tcb.resets = new StreamResetHandler(tcb.resetGlue, tcb.localInitialTsn, peerInitialTsn);
        tcb.state = SctpState.ESTABLISHED;
        t1Init.stop();
        tcb.errorCount = 0;
        cookieToEcho = null;
        peerInitAck = null;
        tcb.heartbeats.start();
        log.debug("association up: {} out / {} in streams", out, in);
        tcb.listener.onAssociationUp();
    }

    private void onT1() {
        SctpState state = tcb.state;
        if (listening) {
            listening = false;
            if (state == SctpState.CLOSED) {
                log.debug("no INIT from the peer in time: initiating");
                connect();
            }
            return;
        }
        if (state != SctpState.COOKIE_WAIT && state != SctpState.COOKIE_ECHOED) {
            return;
        }
        SctpConfig config = tcb.config;
        if (++initRetransmits > config.maxInitRetransmits()) {
            tcb.closer.fail(new SctpException("no answer to " + (state == SctpState.COOKIE_WAIT ? "INIT" : "COOKIE ECHO")
                    + " after " + config.maxInitRetransmits() + " retransmissions"));
            return;
        }
        if (state == SctpState.COOKIE_WAIT) {
            sendInit();
        } else {
            tcb.control.add(new CookieEchoChunk(cookieToEcho));
            tcb.out.flushIfIdle();
        }
        long backoff = Math.min(config.rtoMaxMs() * Tcb.MS,
                (config.rtoInitialMs() * Tcb.MS) << Math.min(initRetransmits, 16));
        t1Init.start(backoff);
    }
}
