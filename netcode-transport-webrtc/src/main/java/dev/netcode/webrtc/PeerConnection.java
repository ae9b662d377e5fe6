package dev.netcode.webrtc;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.dtls.CertificateFingerprint;
import dev.netcode.webrtc.dtls.DtlsCertificate;
import dev.netcode.webrtc.dtls.DtlsEndpoint;
import dev.netcode.webrtc.dtls.DtlsException;
import dev.netcode.webrtc.dtls.DtlsListener;
import dev.netcode.webrtc.dtls.DtlsRole;
import dev.netcode.webrtc.dtls.DtlsState;
import dev.netcode.webrtc.ice.IceAgent;
import dev.netcode.webrtc.ice.IceAgentListener;
import dev.netcode.webrtc.ice.IceCandidate;
import dev.netcode.webrtc.ice.IceCandidateParseException;
import dev.netcode.webrtc.ice.IceConnectionState;
import dev.netcode.webrtc.ice.IceCredentials;
import dev.netcode.webrtc.ice.IceRole;
import dev.netcode.webrtc.internal.ConnectionStates;
import dev.netcode.webrtc.sdp.DataChannelSdp;
import dev.netcode.webrtc.sdp.DataSection;
import dev.netcode.webrtc.sdp.DataSessionParameters;
import dev.netcode.webrtc.sdp.SdpException;
import dev.netcode.webrtc.sdp.SdpParser;
import dev.netcode.webrtc.sdp.SessionDescription;
import dev.netcode.webrtc.sdp.SetupRole;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebRTC peer connection for data channels, shaped like the W3C {@code RTCPeerConnection}:
 * offer/answer signaling in, ICE (RFC 8445) and DTLS (RFC 6347) connected out, with the states a
 * browser reports.
 *
 * <h2>User guide</h2>
 * <pre>{@code
 * PeerConnection pc = PeerConnection.create(PeerConnectionConfig.defaults(), new PeerConnectionListener() {
 *     public void onIceCandidate(IceCandidateInit c) { signaling.send(c); }         // trickle
 *     public void onConnectionStateChange(PeerConnectionState was, PeerConnectionState now) { ... }
 * });
 * // offerer                                         // answerer
 * SessionDescriptionInit offer = pc.createOffer().join();
 * pc.setLocalDescription(offer).join();              pc.setRemoteDescription(offer).join();
 * signaling.send(offer);                             SessionDescriptionInit answer = pc.createAnswer().join();
 *                                                    pc.setLocalDescription(answer).join();
 * pc.setRemoteDescription(answer).join();            signaling.send(answer);
 * // either side, as candidates arrive:
 * pc.addIceCandidate(candidate);
 * pc.connected().join();                             // ICE and DTLS up, fingerprint verified
 * }</pre>
 * Without trickle, send {@link #localDescriptionWithAllCandidates()} instead of the bare
 * description: it completes once gathering is done and carries every candidate and
 * {@code a=end-of-candidates}.
 *
 * <h2>What is wired to what</h2>
 * <ul>
 *   <li>ICE role: the offerer is controlling, the answerer controlled, except that a full agent
 *       facing an {@code a=ice-lite} peer is always controlling and a lite agent always controlled
 *       (RFC 8445 §6.1.1, JSEP RFC 8829 §5.1.1).</li>
 *   <li>DTLS role from {@code a=setup} (RFC 8842 §5): the offer says {@code actpass}; the answer says
 *       {@code active} (DTLS client) by default, {@code passive} when the offer said {@code active}.</li>
 *   <li>The DTLS endpoint is built once both descriptions are known and fed every non-STUN
 *       datagram of the agent. With a full ICE agent the handshake starts right then
 *       ({@link DtlsEndpoint#startEarly}, unless the handshake pool is half busy): its first flight
 *       waits in the agent and leaves from the event loop the moment a candidate pair is valid
 *       (usually before nomination), and the handshake timeout counts from then. A lite agent (a
 *       host serving many peers, which must not hold handshake threads for peers that never
 *       connect) starts it when ICE can first send or the peer's first DTLS datagram arrives from
 *       an address ICE authenticated. DTLS datagrams
 *       that arrive before the remote description is applied (the peer got our offer and connected
 *       ICE first) wait in a small buffer ({@value #MAX_EARLY_DATAGRAMS} datagrams). If ICE fails
 *       before DTLS is connected, the handshake is aborted. It accepts only a certificate
 *       that hashes to the remote {@code a=fingerprint}; a mismatch fails the connection with
 *       {@link dev.netcode.webrtc.dtls.DtlsFingerprintMismatchException} ({@link #failureCause()}).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * All protocol state of one connection lives on one Netty event loop ({@link #eventLoop()}); the
 * public methods may be called from any thread and hand their work to that loop. BouncyCastle's
 * blocking DTLS handshake runs on the {@link dev.netcode.webrtc.dtls.DtlsHandshakeExecutor}; its
 * outcome is handed back to the loop. {@link PeerConnectionListener} callbacks run on
 * {@link PeerConnectionConfig#callbackExecutor()}, by default the loop itself, in the order the
 * events happened. The futures returned here complete on the loop: chain with {@code ...Async} or
 * {@code join()} from another thread, never from the loop.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li><b>mDNS.</b> Browsers hide their host address behind a {@code .local} name that this
 *       connection does not resolve. It still connects: the browser's checks reach our host
 *       candidate and we learn the browser's address as a peer-reflexive candidate. So our host
 *       candidate must be reachable from the browser (loopback in tests: pin
 *       {@code hostAddresses(127.0.0.1)}).</li>
 *   <li><b>ICE-lite is for hosts.</b> A lite peer never sends checks, so it only works when the full
 *       peer can reach its address directly: a dedicated server with a public address. Two lite
 *       peers never connect.</li>
 *   <li><b>Order.</b> {@link #addIceCandidate} needs a remote description first (as in browsers);
 *       buffer early candidates in your signaling.</li>
 *   <li><b>Renegotiation is for ICE restart only.</b> Later offers come from the side that made the
 *       first one ({@link #restartIce()}, {@link PeerConnectionListener#onNegotiationNeeded});
 *       they may change ICE credentials and candidates, nothing else (the DTLS fingerprint must stay);
 *       no rollback, no glare handling.</li>
 *   <li><b>close()</b> sends DTLS close_notify: the peer reports DISCONNECTED at once, then FAILED
 *       when its consent expires.</li>
 * </ul>
 */
public final class PeerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    /** DTLS datagrams kept from before the DTLS endpoint exists (a ClientHello is one or two). */
    static final int MAX_EARLY_DATAGRAMS = 8;

    private final PeerConnectionConfig config;
    private final PeerConnectionListener listener;
    private final IceAgent agent;
    private final EventLoop loop;
    private final Executor callbacks;
    private final DtlsCertificate certificate;
    private final long sessionId;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<SessionDescriptionInit> gathered = new CompletableFuture<>();
    private final List<PeerConnectionListener> extraListeners = new CopyOnWriteArrayList<>();

    // ---- state owned by the event loop ----
    private final List<String> localCandidates = new ArrayList<>();
    private boolean gatheringComplete;
    private boolean gatheringStarted;
    private long sessionVersion = 1;
    /**
     * The applied local description (null before). Descriptions are kept as text, not parsed: a
     * parsed one cost several KiB per connection for the rare renegotiation that needs it, so those
     * paths parse again ({@link #parsedLocal()}, {@link #parsedRemote()}).
     */
    private SessionDescriptionInit pendingLocal;
    private SessionDescriptionInit.Type localType;
    /** The applied remote description's SDP, or null. */
    private String remoteSdp;
    private DataSection remoteData;
    private CertificateFingerprint remoteFingerprint;
    private DtlsEndpoint dtls;
    private boolean started;
    /** DTLS datagrams that arrived before {@link #dtls} was built; null when none. */
    private List<byte[]> earlyDatagrams;
    /** ICE has had a valid pair, so DTLS may start. */
    private boolean iceWritable;
    private volatile boolean closed;
    private volatile ApplicationDataListener applicationListener;
    private volatile PeerDataChannels dataChannels;
    /** The ICE credentials our descriptions carry (they change with an ICE restart). */
    private IceCredentials sdpCredentials;
    /** restartIce() was called: the next offer carries fresh credentials. */
    private boolean restartRequested;
    /** Fresh credentials of a restart offer created but not yet applied. */
    private IceCredentials offeredCredentials;
    /** Original offerer: a subsequent offer was applied locally, its answer is outstanding. */
    private boolean awaitingAnswer;
    /** Original answerer: a subsequent offer was applied, our answer is outstanding. */
    private boolean reofferPending;

    // ---- views readable from any thread ----
    private volatile IceConnectionState iceState = IceConnectionState.NEW;
    private volatile DtlsState dtlsState;
    private volatile PeerConnectionState state = PeerConnectionState.NEW;
    private volatile Throwable failureCause;
    private final long createdNs = System.nanoTime();
    private volatile long iceConnectedNs;
    private volatile long iceWritableNs;
    private volatile long dtlsConnectedNs;
    private volatile long gatheringStartNs;
    private volatile long gatheringCompleteNs;
    private volatile long dtlsStartNs;

    private PeerConnection(PeerConnectionConfig config, PeerConnectionListener listener) {
        this.config = config;
        this.listener = listener == null ? new PeerConnectionListener() { } : listener;
        if (config.udpMux() != null) {
            this.agent = config.udpMux().newAgent(config.ice());
        } else {
            this.agent = IceAgent.create(config.ice(), config.eventLoopGroup(),
                    IceRole.CONTROLLING, config.datagramChannelClass());
        }
        this.loop = agent.eventLoop();
        this.callbacks = config.callbackExecutor() != null ? config.callbackExecutor() : loop;
        this.certificate = config.certificate();
        this.sessionId = config.random().nextLong() >>> 2; // 62 bits, RFC 8829 §5.2.1
        this.sdpCredentials = agent.localCredentials();
        agent.addListener(new AgentEvents());
        agent.setReceiver(this::onNonStunDatagram);
    }

    /**
     * A new connection in state NEW. Binds nothing yet: sockets are bound when gathering starts at
     * {@link #setLocalDescription}.
     *
     * @throws IllegalStateException when the configured {@link dev.netcode.webrtc.ice.IceUdpMux} is full
     */
    public static PeerConnection create(PeerConnectionConfig config, PeerConnectionListener listener) {
        return new PeerConnection(config, listener);
    }

    /** A new connection with default settings. */
    public static PeerConnection create(PeerConnectionConfig config) {
        return new PeerConnection(config, null);
    }

    /** Adds a listener besides the one given at creation. */
    public void addListener(PeerConnectionListener l) {
        extraListeners.add(l);
    }

    // ------------------------------------------------------------------ signaling

    /** A data-only offer ({@code a=setup:actpass}) with the candidates gathered so far. */
    public CompletableFuture<SessionDescriptionInit> createOffer() {
        return call(() -> {
            requireOpen();
            if (localType == SessionDescriptionInit.Type.ANSWER || remoteSdp != null && localType != SessionDescriptionInit.Type.OFFER) {
                throw new InvalidStateException("createOffer after the remote offer was applied: this connection answers"
                        + " (only the side that made the first offer makes later ones)");
            }
            IceCredentials credentials = sdpCredentials;
            if (remoteSdp != null && restartRequested) {
                if (offeredCredentials == null) {
                    offeredCredentials = IceCredentials.random(config.random());
                }
                credentials = offeredCredentials;
            }
            if (remoteSdp != null) {
                sessionVersion++; // RFC 8866 §5.2: a changed session description gets a higher version
            }
            return SessionDescriptionInit.offer(DataChannelSdp.createOffer(localParameters(SetupRole.ACTPASS, credentials)).toSdp());
        });
    }

    /**
     * The answer to the applied remote offer: {@code a=setup:active} (or {@code passive} if the offer
     * said {@code active}), every non-data section rejected.
     */
    public CompletableFuture<SessionDescriptionInit> createAnswer() {
        return call(() -> {
            requireOpen();
            if (remoteSdp == null || localType == SessionDescriptionInit.Type.OFFER) {
                throw new InvalidStateException("createAnswer needs a remote offer first");
            }
            SetupRole preferred = config.dtls().actpassAnswerRole() == DtlsRole.CLIENT ? SetupRole.ACTIVE : SetupRole.PASSIVE;
            try {
                return SessionDescriptionInit.answer(DataChannelSdp.createAnswer(parsedRemote(), localParameters(preferred)).toSdp());
            } catch (SdpException e) {
                throw new InvalidDescriptionException(e);
            }
        });
    }

    /**
     * Applies our own offer or answer and starts gathering (sockets are bound now; interface
     * enumeration, if configured, runs on the calling thread). Applying the answer starts ICE.
     */
    public CompletableFuture<Void> setLocalDescription(SessionDescriptionInit description) {
        SessionDescription parsed;
        try {
            parsed = SdpParser.DEFAULT.parse(description.sdp());
            parsed.dataSection();
        } catch (SdpException e) {
            return CompletableFuture.failedFuture(new InvalidDescriptionException(e));
        }
        return call(() -> {
            requireOpen();
            if (pendingLocal != null) {
                applySubsequentLocal(description, parsed);
                return null;
            }
            boolean answer = description.type() == SessionDescriptionInit.Type.ANSWER;
            if (answer != (remoteSdp != null)) {
                throw new InvalidStateException(answer ? "an answer needs a remote offer first"
                        : "an offer cannot follow a remote offer");
            }
            localType = description.type();
            pendingLocal = description;
            startGathering();
            maybeStart();
            return null;
        });
    }

    /**
     * Applies the peer's offer or answer: credentials, candidates, {@code a=ice-lite},
     * {@code a=setup} and {@code a=fingerprint}. Fails with {@link InvalidDescriptionException} for
     * malformed or unusable SDP, leaving the connection unchanged.
     */
    public CompletableFuture<Void> setRemoteDescription(SessionDescriptionInit description) {
        SessionDescription parsed;
        DataSection data;
        CertificateFingerprint fingerprint;
        try {
            parsed = SdpParser.DEFAULT.parse(description.sdp());
            data = parsed.dataSection();
            fingerprint = pickFingerprint(data);
        } catch (SdpException e) {
            return CompletableFuture.failedFuture(new InvalidDescriptionException(e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new InvalidDescriptionException(
                    "unusable remote description: " + e.getMessage(), e));
        }
        return call(() -> {
            requireOpen();
            if (remoteSdp != null) {
                applySubsequentRemote(description, parsed, data, fingerprint);
                return null;
            }
            boolean answer = description.type() == SessionDescriptionInit.Type.ANSWER;
            if (answer != (pendingLocal != null)) {
                throw new InvalidStateException(answer ? "an answer needs a local offer first"
                        : "a remote offer cannot follow a local offer");
            }
            try {
                agent.setRemoteCredentials(data.iceUfrag(), data.icePwd());
            } catch (IllegalArgumentException e) {
                throw new InvalidDescriptionException("bad ICE credentials: " + e.getMessage(), e);
            }
            if (!answer && !agent.isLite()) {
                agent.setRole(IceRole.CONTROLLED);
            }
            agent.setRemoteLite(data.iceLite());
            for (String c : data.candidates()) {
                addRemoteCandidateQuietly(c);
            }
            if (data.endOfCandidates() || !data.supportsTrickle()) {
                agent.endOfRemoteCandidates();
            }
            remoteSdp = description.sdp();
            remoteData = data;
            remoteFingerprint = fingerprint;
            maybeStart();
            return null;
        });
    }

    /**
     * Adds a trickled remote candidate; an {@linkplain IceCandidateInit#isEndOfCandidates() empty}
     * one marks the end. Fails with {@link InvalidStateException} before a remote description and
     * with {@link InvalidDescriptionException} for a malformed candidate. Candidates the agent
     * cannot use (TCP, mDNS names) are accepted and ignored, as browsers do.
     */
    public CompletableFuture<Void> addIceCandidate(IceCandidateInit candidate) {
        IceCandidate parsed;
        if (candidate.isEndOfCandidates()) {
            parsed = null;
        } else {
            try {
                parsed = IceCandidate.parse(candidate.candidate());
            } catch (IceCandidateParseException e) {
                return CompletableFuture.failedFuture(new InvalidDescriptionException("bad candidate: " + e.getMessage(), e));
            }
        }
        return call(() -> {
            requireOpen();
            if (remoteSdp == null) {
                throw new InvalidStateException("addIceCandidate needs a remote description first");
            }
            if (parsed == null) {
                agent.endOfRemoteCandidates();
            } else {
                agent.addRemoteCandidate(parsed);
            }
            return null;
        });
    }

    /** The local description as applied, or null (without candidates gathered after it). */
    public SessionDescriptionInit localDescription() {
        return pendingLocal;
    }

    /**
     * Completes once gathering finished with the local description carrying every candidate and
     * {@code a=end-of-candidates}: what to send to a peer that does not trickle.
     */
    public CompletableFuture<SessionDescriptionInit> localDescriptionWithAllCandidates() {
        return gathered;
    }

    // ------------------------------------------------------------------ ICE restart

    /**
     * W3C {@code restartIce()}: the next {@link #createOffer} carries fresh ICE credentials
     * (RFC 8445 §9, JSEP RFC 8829 §4.1.11), and {@link PeerConnectionListener#onNegotiationNeeded}
     * fires so the application signals that offer. When the answer is applied, checks start over
     * on the new generation; DTLS, SCTP and every data channel stay as they are, and the old
     * selected pair carries data until the new one is selected. Any thread; never throws.
     *
     * <p>Only the side that made the first offer makes later offers here (no glare handling): on
     * the answering side this only logs. The answering side follows a peer's restart offer
     * automatically in {@link #setRemoteDescription}.
     */
    public void restartIce() {
        onLoop(this::restartIceOnLoop);
    }

    /** ICE generation: 0, plus one per restart that took effect (both sides' credentials changed). */
    public int iceGeneration() {
        return agent.generation();
    }

    /** The ICE credentials of our current (or pending) description. */
    public IceCredentials localIceCredentials() {
        return sdpCredentials;
    }

    private void restartIceOnLoop() {
        if (closed) {
            return;
        }
        if (localType == SessionDescriptionInit.Type.ANSWER) {
            LOG.debug("{}: restartIce on the answering side is not supported; the offerer restarts", this);
            return;
        }
        if (!restartRequested) {
            restartRequested = true;
            offeredCredentials = null;
        }
        emit(PeerConnectionListener::onNegotiationNeeded);
    }

    /** A later local offer (original offerer) or answer (original answerer). */
    private void applySubsequentLocal(SessionDescriptionInit description, SessionDescription parsed) {
        boolean answer = description.type() == SessionDescriptionInit.Type.ANSWER;
        IceCredentials credentials;
        try {
            DataSection data = parsed.dataSection();
            credentials = new IceCredentials(data.iceUfrag(), data.icePwd());
        } catch (SdpException | IllegalArgumentException e) {
            throw new InvalidDescriptionException("bad ICE credentials: " + e.getMessage(), e);
        }
        if (answer) {
            if (!reofferPending) {
                throw new InvalidStateException("an answer needs a remote offer first");
            }
            if (!credentials.equals(sdpCredentials)) {
                throw new InvalidDescriptionException("the answer must carry the ICE credentials of createAnswer()", null);
            }
            reofferPending = false;
        } else {
            if (localType != SessionDescriptionInit.Type.OFFER || remoteSdp == null) {
                throw new InvalidStateException("only the side that made the first offer makes later offers");
            }
            if (!credentials.equals(sdpCredentials)) {
                agent.restart(credentials); // pending until the answer brings the peer's new credentials
                sdpCredentials = credentials;
                restartRequested = false;
                offeredCredentials = null;
            }
            awaitingAnswer = true;
        }
        pendingLocal = description;
    }

    /** A later remote answer (original offerer) or offer (original answerer): maybe an ICE restart. */
    private void applySubsequentRemote(SessionDescriptionInit description, SessionDescription parsed, DataSection data,
                                       CertificateFingerprint fingerprint) {
        boolean answer = description.type() == SessionDescriptionInit.Type.ANSWER;
        if (answer ? !awaitingAnswer : localType != SessionDescriptionInit.Type.ANSWER) {
            throw new InvalidStateException(answer ? "an answer needs a local offer first"
                    : "a remote offer cannot follow a local offer");
        }
        if (fingerprint != null && remoteFingerprint != null && !fingerprint.equals(remoteFingerprint)) {
            // The DTLS session outlives the restart: its certificate cannot change.
            throw new InvalidDescriptionException("a later description must keep the DTLS fingerprint", null);
        }
        IceCredentials theirs;
        try {
            theirs = new IceCredentials(data.iceUfrag(), data.icePwd());
        } catch (IllegalArgumentException e) {
            throw new InvalidDescriptionException("bad ICE credentials: " + e.getMessage(), e);
        }
        IceCredentials before;
        try {
            before = new IceCredentials(remoteData.iceUfrag(), remoteData.icePwd());
        } catch (IllegalArgumentException e) {
            before = null;
        }
        boolean restart = !theirs.equals(before);
        if (!answer && restart) {
            // JSEP §5.3.1: the answer to a restart offer carries fresh credentials too.
            sdpCredentials = IceCredentials.random(config.random());
            agent.restart(sdpCredentials);
        }
        if (restart) {
            LOG.debug("{}: ICE restart, remote ufrag {} -> {}", this, before == null ? null : before.ufrag(), theirs.ufrag());
        }
        agent.setRemoteCredentials(theirs.ufrag(), theirs.password());
        if (restart) {
            for (String c : data.candidates()) {
                addRemoteCandidateQuietly(c);
            }
            if (data.endOfCandidates() || !data.supportsTrickle()) {
                agent.endOfRemoteCandidates();
            }
        }
        if (answer) {
            awaitingAnswer = false;
        } else {
            reofferPending = true;
        }
        remoteSdp = description.sdp();
        remoteData = data;
    }

    // ------------------------------------------------------------------ state

    public PeerConnectionState connectionState() {
        return state;
    }

    public IceConnectionState iceConnectionState() {
        return iceState;
    }

    /** DTLS state, or null before both descriptions are applied. */
    public DtlsState dtlsState() {
        return dtlsState;
    }

    /**
     * Completes when the state first becomes CONNECTED; fails with the cause when it becomes FAILED
     * or CLOSED first (a {@link DtlsException} subtype for DTLS failures, else
     * {@link PeerConnectionFailedException}).
     */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    /** Why the connection failed, or null. */
    public Throwable failureCause() {
        return failureCause;
    }

    /** Our certificate's fingerprint, as in {@code a=fingerprint}. */
    public CertificateFingerprint localFingerprint() {
        return certificate.fingerprint();
    }

    /** True once DTLS verified the peer's certificate against the remote {@code a=fingerprint}. */
    public boolean remoteFingerprintVerified() {
        DtlsEndpoint d = dtls;
        return d != null && d.remoteFingerprintVerified();
    }

    /** Our DTLS role, or null before both descriptions are applied. */
    public DtlsRole dtlsRole() {
        DtlsEndpoint d = dtls;
        return d == null ? null : d.role();
    }

    /** The agent's ICE role now (it may change on a role conflict until checks start). */
    public IceRole iceRole() {
        return agent.role();
    }

    /** Local address of the selected candidate pair, or null. */
    public InetSocketAddress localAddress() {
        return agent.localAddress();
    }

    /** Remote address of the selected candidate pair, or null. */
    public InetSocketAddress remoteAddress() {
        return agent.remoteAddress();
    }

    /** The selected remote candidate (often peer-reflexive with browsers), or null. */
    public IceCandidate selectedRemoteCandidate() {
        return agent.selectedRemoteCandidate();
    }

    /** Milliseconds from creation to ICE connected, or -1. */
    public long iceConnectedMs() {
        return iceConnectedNs == 0 ? -1 : (iceConnectedNs - createdNs) / 1_000_000;
    }

    /** Milliseconds from creation to DTLS connected, or -1. */
    public long dtlsConnectedMs() {
        return dtlsConnectedNs == 0 ? -1 : (dtlsConnectedNs - createdNs) / 1_000_000;
    }

    /** When each setup milestone was reached (for diagnostics and benchmarks). */
    public SetupTimeline setupTimeline() {
        PeerDataChannels dc = dataChannels;
        return new SetupTimeline(createdNs, gatheringStartNs, gatheringCompleteNs, iceWritableNs, iceConnectedNs,
                dtlsStartNs,
                dtlsConnectedNs, dc == null ? 0 : dc.associationUpNs());
    }

    /** Milliseconds since this connection was created (the clock of {@link #iceConnectedMs()}). */
    public long millisSinceCreation() {
        return (System.nanoTime() - createdNs) / 1_000_000;
    }

    /** The loop that owns this connection's state. */
    public EventLoop eventLoop() {
        return loop;
    }

    // ------------------------------------------------------------------ data channels

    /**
     * W3C {@code createDataChannel}: a channel announced in-band (DCEP, RFC 8832) or, with
     * {@code params.negotiated()}, a pre-agreed one. It starts {@code CONNECTING} and opens once the
     * SCTP association is up, so it may be created before the connection is CONNECTED. Set its
     * listener right away: events run on the event loop, never inside this call. Call every method
     * of the returned channel on {@link #eventLoop()} (e.g. from its listener).
     *
     * <p>The stream id's parity follows the DTLS role, which is only known once both descriptions
     * are applied: before that (an offerer before the answer) this fails with
     * {@link InvalidStateException}. Blocks the calling thread briefly to hop onto the event loop.
     *
     * @throws InvalidStateException when closed or before both descriptions are applied
     * @throws dev.netcode.webrtc.datachannel.DataChannelException at the channel limit or for an
     *         unavailable negotiated id
     */
    public DataChannel createDataChannel(String label, DataChannelParameters params) {
        Supplier<DataChannel> task = () -> {
            requireOpen();
            if (dataChannels == null) {
                throw new InvalidStateException("createDataChannel needs both descriptions applied (the DTLS role decides the stream id)");
            }
            return dataChannels.createDataChannel(label, params);
        };
        if (loop.inEventLoop()) {
            return task.get();
        }
        try {
            return call(task).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ the SCTP hook

    /**
     * For the layer above DTLS (SCTP): receives every decrypted application record, on the event
     * loop. Set it before the connection is CONNECTED so the first packet is not missed.
     * <p>While a listener is set, records go to it instead of the built-in SCTP association behind
     * {@link #createDataChannel}: use one or the other, not both.
     */
    public void setApplicationDataListener(ApplicationDataListener l) {
        onLoop(() -> applicationListener = l);
    }

    /**
     * For the layer above DTLS (SCTP): encrypts and sends one record on the selected pair; call it on
     * the event loop.
     *
     * @throws DtlsException when DTLS is not connected or the record exceeds its limit
     */
    public void sendApplicationData(ByteBuffer record) {
        DtlsEndpoint d = dtls;
        if (d == null) {
            throw new DtlsException("cannot send: DTLS not set up");
        }
        d.send(record);
    }

    /** Largest record {@link #sendApplicationData} accepts, or -1 before DTLS is connected. */
    public int maxApplicationRecordBytes() {
        DtlsEndpoint d = dtls;
        return d == null || d.state() != DtlsState.CONNECTED ? -1 : d.maxApplicationRecordBytes();
    }

    // ------------------------------------------------------------------ close

    /** Sends close_notify, closes the agent's sockets, and moves to CLOSED. Idempotent, any thread. */
    @Override
    public void close() {
        try {
            onLoop(this::closeOnLoop);
        } catch (RejectedExecutionException loopGone) {
            // The event loop group was shut down under us: its sockets are closed already, so only
            // the bookkeeping is left (no listener can be called on a dead loop).
            closed = true;
            state = PeerConnectionState.CLOSED;
            connected.completeExceptionally(new PeerConnectionFailedException("event loop terminated"));
            gathered.completeExceptionally(new PeerConnectionFailedException("event loop terminated"));
        }
    }

    private void closeOnLoop() {
        if (closed) {
            return;
        }
        closed = true;
        earlyDatagrams = null;
        if (dataChannels != null) {
            // SHUTDOWN (or ABORT) goes out before close_notify, so the peer's channels close too.
            dataChannels.shutdown();
        }
        if (dtls != null) {
            dtls.close();
        }
        agent.close();
        connected.completeExceptionally(new PeerConnectionFailedException("closed before connecting"));
        gathered.completeExceptionally(new PeerConnectionFailedException("closed before gathering completed"));
        updateState();
    }

    // ------------------------------------------------------------------ loop-side implementation

    private void requireOpen() {
        if (closed) {
            throw new InvalidStateException("connection is closed");
        }
    }

    private <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        onLoop(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private DataSessionParameters localParameters(SetupRole setup) {
        return localParameters(setup, sdpCredentials);
    }

    private DataSessionParameters localParameters(SetupRole setup, IceCredentials credentials) {
        DataSessionParameters.Builder b = DataSessionParameters.builder()
                .sessionId(sessionId)
                .sessionVersion(sessionVersion)
                .iceUfrag(credentials.ufrag())
                .icePwd(credentials.password())
                .fingerprint(certificate.fingerprint().toSdpValue())
                .setup(setup)
                .sctpPort(config.sctpPort())
                .maxMessageSizeBytes(config.maxMessageSizeBytes())
                .trickle(config.trickle())
                .iceLite(agent.isLite());
        b.candidates(localCandidates);
        b.endOfCandidates(gatheringComplete);
        if (remoteData != null && remoteData.mid() != null) {
            b.mid(remoteData.mid());
        }
        return b.build();
    }

    private static CertificateFingerprint pickFingerprint(DataSection data) {
        CertificateFingerprint first = null;
        for (String f : data.fingerprints()) {
            CertificateFingerprint fp = CertificateFingerprint.parse(f);
            if (fp.algorithm().equalsIgnoreCase("sha-256")) {
                return fp;
            }
            if (first == null) {
                first = fp;
            }
        }
        return first;
    }

    private void addRemoteCandidateQuietly(String value) {
        try {
            agent.addRemoteCandidate(IceCandidate.parse(value));
        } catch (IceCandidateParseException e) {
            // One bad line must not sink the session: browsers ignore candidates they cannot parse.
            LOG.debug("ignoring remote candidate {}: {}", value, e.getMessage());
        }
    }

    private void startGathering() {
        if (gatheringStarted) {
            return;
        }
        gatheringStarted = true;
        gatheringStartNs = System.nanoTime();
        agent.gather();
    }

    /** Both descriptions known: build DTLS with the negotiated role, start ICE. */
    private void maybeStart() {
        if (started || pendingLocal == null || remoteSdp == null) {
            return;
        }
        started = true;
        DtlsRole role;
        try {
            if (localType == SessionDescriptionInit.Type.OFFER) {
                role = DtlsRole.fromRemoteSetup(remoteData.setupOrDefault(false).sdpValue(), config.dtls().actpassAnswerRole());
            } else {
                SetupRole ours = parsedLocal().dataSection().setupOrDefault(false);
                if (ours == SetupRole.ACTPASS || ours == SetupRole.HOLDCONN) {
                    throw new InvalidDescriptionException("our answer must say a=setup:active or passive, not " + ours.sdpValue(), null);
                }
                role = ours.isDtlsClient() ? DtlsRole.CLIENT : DtlsRole.SERVER;
            }
        } catch (SdpException | IllegalArgumentException e) {
            started = false;
            throw new InvalidDescriptionException("no usable DTLS role: " + e.getMessage(), e);
        }
        dtls = DtlsEndpoint.builder()
                .role(role)
                .localCertificate(certificate)
                .remoteFingerprint(remoteFingerprint)
                .datagramPath(this::sendDatagram)
                .listener(new DtlsEvents())
                .config(config.dtls())
                .handshakeExecutor(config.handshakeExecutor())
                .build();
        dtlsState = DtlsState.NEW;
        long remoteMax = remoteData.maxMessageSizeBytes();
        dataChannels = new PeerDataChannels(this, loop, role == DtlsRole.CLIENT, config.maxMessageSizeBytes(),
                remoteMax, ch -> emit(l -> l.onDataChannel(ch)));
        LOG.debug("{}: ICE {} DTLS {}", this, agent.role(), role);
        List<byte[]> early = earlyDatagrams;
        earlyDatagrams = null;
        if (early != null) {
            for (byte[] d : early) {
                dtls.receive(ByteBuffer.wrap(d));
            }
        }
        agent.start();
        if (!agent.isLite() && config.handshakeExecutor().hasSpareThreads()) {
            // The thread start-up and the first flight overlap the ICE checks; the flight waits in
            // the agent until a pair is valid. A full agent fails within its checking timeout,
            // which then aborts the handshake. A busy pool gets no early handshakes.
            dtlsStartNs = System.nanoTime();
            dtls.startEarly(config.ice().checkingTimeoutMs());
            dtlsState = dtls.state();
            if (iceWritable) {
                dtls.pathReady();
            }
        } else if (early != null || iceWritable || iceState.isConnected()) {
            // A lite agent (or a busy pool) starts when ICE can send. A lite agent can be writable
            // (even nominated) before our own description is applied: the full peer checks as soon
            // as it has our offer, so no later ICE event may come to start DTLS.
            startDtls();
        }
        updateState();
    }

    /** Starts the handshake once: ICE can send, or the peer's DTLS has begun. */
    private void startDtls() {
        if (dtls == null || dtls.state() != DtlsState.NEW || closed) {
            return;
        }
        dtlsStartNs = System.nanoTime();
        dtls.start();
        dtlsState = dtls.state();
    }

    private void sendDatagram(ByteBuffer datagram) {
        if (!loop.inEventLoop() && agent.sendFromAnyThread(datagram)) {
            return; // a handshake flight straight from the handshake thread: no loop wake-up per flight
        }
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(datagram.remaining());
        buf.writeBytes(datagram);
        agent.send(buf);
    }

    private void onNonStunDatagram(ByteBuf datagram) {
        int first = datagram.readableBytes() > 0 ? datagram.getUnsignedByte(datagram.readerIndex()) : -1;
        if (first < 20 || first > 63) {
            return; // RFC 7983 §7: not DTLS (no SRTP/TURN channels here)
        }
        DtlsEndpoint d = dtls;
        if (d == null) {
            // The peer applied our offer, connected ICE and began DTLS before its answer reached us:
            // keep its first datagrams (ICE authenticated the sender) instead of waiting a
            // retransmission timeout for them.
            if (!closed && pendingLocal != null && datagram.readableBytes() <= config.dtls().maxDatagramSizeBytes()) {
                if (earlyDatagrams == null) {
                    earlyDatagrams = new ArrayList<>(2);
                }
                if (earlyDatagrams.size() < MAX_EARLY_DATAGRAMS) {
                    byte[] copy = new byte[datagram.readableBytes()];
                    datagram.getBytes(datagram.readerIndex(), copy);
                    earlyDatagrams.add(copy);
                }
            }
            return;
        }
        d.receive(datagram.nioBuffer());
        if (d.state() == DtlsState.NEW) {
            startDtls();
        }
    }

    private void updateState() {
        PeerConnectionState next = ConnectionStates.aggregate(closed, iceState, dtlsState);
        PeerConnectionState previous = state;
        if (next == previous) {
            return;
        }
        state = next;
        // Listeners first, so whoever waits on connected() sees the history including this change.
        emit(l -> l.onConnectionStateChange(previous, next));
        if (next == PeerConnectionState.CONNECTED) {
            connected.complete(null);
        } else if (next == PeerConnectionState.FAILED) {
            Throwable cause = failureCause;
            if (cause == null) {
                cause = new PeerConnectionFailedException("ICE " + iceState.name().toLowerCase());
                failureCause = cause;
            }
            connected.completeExceptionally(cause);
        }
    }

    private void emit(java.util.function.Consumer<PeerConnectionListener> event) {
        Runnable r = () -> {
            deliver(listener, event);
            for (PeerConnectionListener l : extraListeners) {
                deliver(l, event);
            }
        };
        if (callbacks == loop) {
            r.run();
        } else {
            callbacks.execute(r);
        }
    }

    private static void deliver(PeerConnectionListener l, java.util.function.Consumer<PeerConnectionListener> event) {
        try {
            event.accept(l);
        } catch (RuntimeException e) {
            LOG.warn("PeerConnectionListener threw", e);
        }
    }

    /** The applied local description, parsed again (it parsed when it was applied). */
    private SessionDescription parsedLocal() throws SdpException {
        return SdpParser.DEFAULT.parse(pendingLocal.sdp());
    }

    /** The applied remote description, parsed again (it parsed when it was applied). */
    private SessionDescription parsedRemote() throws SdpException {
        return SdpParser.DEFAULT.parse(remoteSdp);
    }

    private SessionDescriptionInit fullLocalDescription() {
        if (localType == SessionDescriptionInit.Type.OFFER) {
            return SessionDescriptionInit.offer(DataChannelSdp.createOffer(localParameters(SetupRole.ACTPASS)).toSdp());
        }
        // Keep the negotiated setup of the applied answer.
        SetupRole setup;
        try {
            setup = parsedLocal().dataSection().setupOrDefault(false);
        } catch (SdpException e) {
            setup = SetupRole.ACTIVE;
        }
        try {
            return SessionDescriptionInit.answer(DataChannelSdp.createAnswer(parsedRemote(), localParameters(setup)).toSdp());
        } catch (SdpException e) {
            throw new InvalidDescriptionException(e);
        }
    }

    @Override
    public String toString() {
        return "PeerConnection[" + agent.localCredentials().ufrag() + ", " + state + "]";
    }

    private final class AgentEvents implements IceAgentListener {
        @Override
        public void onRestartNeeded() {
            if (!closed && localType == SessionDescriptionInit.Type.OFFER && remoteSdp != null) {
                LOG.debug("{}: consent lost for {} ms, restarting ICE", PeerConnection.this, config.ice().consentLossRestartMs());
                restartIceOnLoop();
            }
        }

        @Override
        public void onLocalCandidate(IceCandidate candidate) {
            String value = candidate.toSdpValue();
            String line = value.substring("candidate:".length());
            if (!localCandidates.contains(line)) { // a restart announces the same candidates again
                localCandidates.add(line);
            }
            String mid = remoteData != null && remoteData.mid() != null ? remoteData.mid() : "0";
            emit(l -> l.onIceCandidate(IceCandidateInit.of(value, mid)));
        }

        @Override
        public void onGatheringComplete(List<IceCandidate> all) {
            gatheringComplete = true;
            if (gatheringCompleteNs == 0) {
                gatheringCompleteNs = System.nanoTime();
            }
            String mid = remoteData != null && remoteData.mid() != null ? remoteData.mid() : "0";
            emit(l -> l.onIceCandidate(IceCandidateInit.endOfCandidates(mid)));
            if (closed) {
                return;
            }
            SessionDescriptionInit full = fullLocalDescription();
            sessionVersion++;
            gathered.complete(full);
            emit(l -> l.onIceGatheringComplete(full));
        }

        @Override
        public void onWritable() {
            iceWritableNs = System.nanoTime();
            iceWritable = true;
            if (dtls != null) {
                dtls.pathReady();
            }
            startDtls();
        }

        @Override
        public void onStateChange(IceConnectionState previous, IceConnectionState current) {
            iceState = current;
            if (current.isConnected() && iceConnectedNs == 0) {
                iceConnectedNs = System.nanoTime();
            }
            if (current.isConnected()) {
                startDtls();
            } else if (current == IceConnectionState.FAILED && dtls != null && dtls.state() == DtlsState.CONNECTING) {
                dtls.close(); // frees the handshake thread at once instead of at the handshake timeout
            }
            emit(l -> l.onIceConnectionStateChange(previous, current));
            updateState();
        }
    }

    private final class DtlsEvents implements DtlsListener {
        @Override
        public void onConnected(DtlsEndpoint endpoint) {
            onLoop(() -> {
                dtlsConnectedNs = System.nanoTime();
                dtlsState = DtlsState.CONNECTED;
                updateState();
                if (dataChannels != null && !closed) {
                    dataChannels.onDtlsConnected();
                }
            });
        }

        @Override
        public void onApplicationData(DtlsEndpoint endpoint, ByteBuffer record) {
            ApplicationDataListener l = applicationListener;
            if (l != null) {
                l.onApplicationData(record);
                return; // an external SCTP layer owns the records
            }
            PeerDataChannels dc = dataChannels;
            if (dc != null) {
                dc.onApplicationData(record);
            }
        }

        @Override
        public void onFailed(DtlsEndpoint endpoint, DtlsException cause) {
            onLoop(() -> {
                if (failureCause == null) {
                    failureCause = cause;
                }
                dtlsState = DtlsState.FAILED;
                if (dataChannels != null) {
                    dataChannels.abort("DTLS failed: " + cause.getMessage());
                }
                LOG.debug("{}: DTLS failed: {}", PeerConnection.this, cause.toString());
                updateState();
            });
        }

        @Override
        public void onClosed(DtlsEndpoint endpoint) {
            onLoop(() -> {
                dtlsState = DtlsState.CLOSED;
                if (dataChannels != null) {
                    // The peer sent close_notify: no SCTP can follow, so end the channels now.
                    dataChannels.abort("DTLS closed");
                }
                updateState();
            });
        }
    }
}
