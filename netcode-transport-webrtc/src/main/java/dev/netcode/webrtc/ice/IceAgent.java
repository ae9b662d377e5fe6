package dev.netcode.webrtc.ice;

import dev.netcode.webrtc.ice.internal.CandidatePair;
import dev.netcode.webrtc.ice.internal.BindingResponder;
import dev.netcode.webrtc.ice.internal.CheckList;
import dev.netcode.webrtc.ice.internal.HostAddresses;
import dev.netcode.webrtc.ice.internal.IceSocket;
import dev.netcode.webrtc.ice.internal.LocalCandidate;
import dev.netcode.webrtc.ice.internal.RemoteCandidate;
import dev.netcode.webrtc.ice.internal.StunTransaction;
import dev.netcode.webrtc.ice.internal.TurnRelaySocket;
import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunErrorCode;
import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunMessageWriter;
import dev.netcode.webrtc.stun.StunMethod;
import dev.netcode.webrtc.stun.StunParseException;
import dev.netcode.webrtc.stun.StunTransactionId;
import dev.netcode.webrtc.turn.TurnClient;
import dev.netcode.webrtc.turn.TurnClientListener;
import dev.netcode.webrtc.turn.TurnException;
import dev.netcode.webrtc.turn.TurnServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ICE agent (RFC 8445) for one data stream with one component (WebRTC bundles everything and
 * multiplexes RTCP), full or lite, running all of its state on one Netty event loop.
 *
 * <h2>How a PeerConnection drives it</h2>
 * <pre>{@code
 * IceAgent agent = IceAgent.create(config, eventLoopGroup, IceRole.CONTROLLING); // offerer controls
 * agent.addListener(listener);                 // local candidates (trickle), state changes
 * agent.setReceiver(dtls::onDatagram);         // before start(): DTLS may arrive right after nomination
 * IceCredentials mine = agent.localCredentials();              // a=ice-ufrag / a=ice-pwd
 * List<IceCandidate> all = agent.gather().join();              // or trickle via onLocalCandidate
 * agent.setRemoteCredentials(ufrag, pwd);                      // from the remote description
 * agent.setRemoteLite(remoteHasIceLite);                       // a=ice-lite
 * agent.addRemoteCandidate("candidate:...");                   // any time, also before start
 * agent.endOfRemoteCandidates();                               // a=end-of-candidates or non-trickle
 * agent.start();
 * agent.send(buf);                                             // DTLS records on the selected pair
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>Host candidates on every usable interface (or {@link IceConfig#hostAddresses()}), one UDP
 *       socket each; server-reflexive candidates via the configured STUN servers.</li>
 *   <li>Checks paced every Ta in pair-priority order, triggered checks first, retransmitted with a
 *       doubling RTO. A check goes out at once (not at the next tick) when none left within the
 *       last Ta, and triggered checks and the nomination go out at once: on a LAN or loopback the
 *       first pair succeeds in one round trip instead of after one or two Ta; peer-reflexive candidates learned from incoming checks (how browsers that only
 *       offer mDNS {@code .local} host candidates get connected) and from responses.</li>
 *   <li>Regular nomination by the controlling side, sent as soon as the first check succeeds (after
 *       {@link IceConfig#nominationDelayMs()} only when a higher-priority pair is still pending); role conflicts resolved by tie-breaker with 487
 *       (§7.3.1.1); consent freshness (RFC 7675) on the selected pair driving DISCONNECTED and
 *       FAILED.</li>
 *   <li>ICE-lite (§2.5): answers checks, never sends any, always controlled; selects the pair the
 *       full peer nominates. Lite agents usually live on an {@link IceUdpMux}.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>All pairs start WAITING: with one component and a handful of candidates the frozen algorithm
 *       saves nothing, and it delays the peer-reflexive pairs that matter for browsers.</li>
 *   <li>Host-name candidates (mDNS {@code .local}) are kept but never paired: this agent does no
 *       DNS. The browser's checks create the peer-reflexive pair instead, which needs our host
 *       candidate to be reachable from the browser.</li>
 *   <li>A wrong remote password only fails our side: the peer may still see our (correct) answers.
 *       Each side fails when its own checks are rejected.</li>
 *   <li>Listener callbacks run on the event loop: never block in them.</li>
 *   <li>Relay candidates come from {@link IceConfig#turnServers()} (one TURN allocation each, type
 *       preference 0); with {@link IceTransportPolicy#RELAY} they are the only local candidates. A
 *       TURN server that is down only costs its candidate.</li>
 *   <li>No TCP candidates.</li>
 *   <li>Datagrams passed to {@link #send} before any pair is valid (a DTLS handshake started
 *       before ICE is done) are held, at most {@link #MAX_HELD_DATAGRAMS}, oldest dropped first,
 *       and go out when the first pair becomes valid ({@link IceAgentListener#onWritable()});
 *       after that, unsendable datagrams are dropped.</li>
 *   <li>{@link #sendFromAnyThread} writes straight to the selected pair's socket from the calling
 *       thread (dedicated NIO sockets only, whose JDK channel the agent opens itself); it bypasses
 *       Netty's outbound pipeline, which is fine for UDP (no ordering promise between the two).</li>
 * </ul>
 *
 * <h2>ICE restart (RFC 8445 §9)</h2>
 * <pre>{@code
 * agent.restart(IceCredentials.random());       // offerer: at setLocalDescription(offer with new ufrag/pwd)
 * agent.setRemoteCredentials(newUfrag, newPwd); // at the answer: the new generation starts here
 * agent.addRemoteCandidate(...);                // the peer's candidates of the new generation
 * }</pre>
 * The answerer calls the same two methods when it applies the offer. Until the remote credentials
 * change, the pending local credentials already answer checks (the answerer starts checking as
 * soon as it has the offer) while the current generation carries on. When they change, the check
 * list, remote candidates and check transactions of the old generation are dropped, the local
 * candidates are re-announced and server-reflexive ones asked for again, and checks start over;
 * the old selected pair keeps carrying data until the new generation selects a pair. During a
 * restart, failed pairs are retried (capped back-off) instead of failing the agent: only
 * {@link IceConfig#failedTimeoutMs()} without consent ends it. With
 * {@link IceConfig#consentLossRestartMs()} the agent asks its owner for a restart
 * ({@link IceAgentListener#onRestartNeeded()}) when consent has been lost that long.
 * Restart pitfalls: sockets are reused (host candidates keep their addresses, so a path through a
 * NAT or relay keeps its mapping), and new network interfaces are not enumerated again.
 */
public final class IceAgent implements IceDatagramTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceAgent.class);
    private static final int COMPONENT_ID = 1;
    /** Datagrams held while no pair is valid yet (a flight or two of DTLS handshake records). */
    public static final int MAX_HELD_DATAGRAMS = 8;
    /**
     * Socket buffers: SCTP keeps up to its cwnd (megabytes on a LAN) in flight, and a burst that
     * overflows the receive buffer is lost and costs a fast retransmit and a halved cwnd. Linux
     * caps the request at net.core.rmem_max / wmem_max.
     */
    static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /**
     * During a restart the path is usually down for a while: a check's back-off stops growing here
     * so the pair is checked again soon after the path returns, not up to 16 s later.
     */
    static final long RESTART_MAX_RTO_MS = 1000;
    /** During a restart, failed pairs are retried this often. */
    static final long RESTART_REARM_MS = 1000;

    private final IceConfig config;
    private final EventLoop loop;
    private final Class<? extends DatagramChannel> channelClass;
    private volatile IceCredentials localCredentials;
    private byte[] localPasswordBytes;
    private final long tieBreaker;
    private final boolean lite;
    private final IceSocket sharedSocket;
    private final Runnable onClose;
    private final List<IceAgentListener> listeners = new CopyOnWriteArrayList<>();
    private final StunMessageWriter writer = new StunMessageWriter();

    // ---- state owned by the event loop ----
    private final List<Channel> channels = new ArrayList<>();
    private final List<TurnClient> turnClients = new ArrayList<>();
    private final List<LocalCandidate> localCandidates = new ArrayList<>();
    private final List<RemoteCandidate> remoteCandidates = new ArrayList<>();
    private final CheckList checkList;
    private BindingResponder responder;
    private final Map<StunTransactionId, StunTransaction> transactions = new HashMap<>();
    private final Set<InetSocketAddress> authenticatedRemotes = new HashSet<>();
    private final CompletableFuture<List<IceCandidate>> gathered = new CompletableFuture<>();
    private IceCredentials remoteCredentials;
    private byte[] remotePasswordBytes;
    private boolean remoteEnd;
    private boolean remoteLite;
    private boolean started;
    private boolean gatheringStarted;
    private int pendingServerTransactions;
    private CandidatePair selected;
    /** Datagrams sent before the first pair became valid; null once writable or ended. */
    private ArrayDeque<ByteBuf> held;
    private volatile boolean writable;
    private CandidatePair nominationPair;
    private IceDatagramReceiver receiver;
    private ScheduledFuture<?> ticker;
    private long startedNs;
    private long firstValidNs;
    private long lastHeardNs;
    private long lastConsentNs;
    private long nextConsentNs;
    /** When the last paced connectivity check left; 0 before the first. */
    private long lastCheckSentNs;
    /** Restart: local credentials announced but not in use until the remote ones change. */
    private IceCredentials pendingLocal;
    private byte[] pendingLocalPasswordBytes;
    private BindingResponder pendingResponder;
    /** A new generation has no selected pair yet: retry failed pairs, never FAILED by checks. */
    private boolean restarting;
    private long lastRearmNs;
    private long lastRestartRequestNs;
    private volatile int generation;
    private boolean regatheringReflexive;

    private volatile IceRole role;
    private volatile IceConnectionState state = IceConnectionState.NEW;
    private volatile CandidatePair selectedView;
    private final AtomicLong droppedDatagrams = new AtomicLong();
    private final AtomicLong rejectedStun = new AtomicLong();

    private IceAgent(IceConfig config, EventLoop loop, Class<? extends DatagramChannel> channelClass, IceRole role,
                     IceSocket sharedSocket, Runnable onClose) {
        this.config = config;
        this.loop = loop;
        this.channelClass = channelClass;
        this.lite = config.lite();
        this.role = lite ? IceRole.CONTROLLED : role;
        this.localCredentials = config.credentials() != null ? config.credentials() : IceCredentials.random(config.random());
        this.localPasswordBytes = localCredentials.password().getBytes(StandardCharsets.UTF_8);
        this.tieBreaker = config.random().nextLong();
        this.sharedSocket = sharedSocket;
        this.onClose = onClose;
        this.checkList = new CheckList(config.maxPairs());
        this.responder = new BindingResponder(localPasswordBytes, config.software());
    }

    /**
     * An agent with its own UDP sockets (NIO datagram channels) on one loop of {@code group}.
     *
     * @param role initial role; ignored (CONTROLLED) for a lite agent. JSEP: the offerer controls
     *             unless the answerer is full and the offerer lite.
     */
    public static IceAgent create(IceConfig config, EventLoopGroup group, IceRole role) {
        return create(config, group, role, NioDatagramChannel.class);
    }

    /** Like {@link #create(IceConfig, EventLoopGroup, IceRole)} with a channel class matching {@code group} (e.g. epoll). */
    public static IceAgent create(IceConfig config, EventLoopGroup group, IceRole role,
                                  Class<? extends DatagramChannel> channelClass) {
        return new IceAgent(config, group.next(), channelClass, role, null, null);
    }

    /** A lite agent on a shared mux socket; see {@link IceUdpMux#newAgent}. */
    static IceAgent onSharedSocket(IceConfig config, EventLoop loop, IceSocket socket, Runnable onClose) {
        return new IceAgent(config, loop, null, IceRole.CONTROLLED, socket, onClose);
    }

    // ------------------------------------------------------------------ public API (any thread)

    public IceCredentials localCredentials() {
        return localCredentials;
    }

    public IceRole role() {
        return role;
    }

    public boolean isLite() {
        return lite;
    }

    public IceConnectionState state() {
        return state;
    }

    /** Tie-breaker sent in ICE-CONTROLLING / ICE-CONTROLLED. */
    public long tieBreaker() {
        return tieBreaker;
    }

    /** Datagrams dropped: from unknown senders, before a receiver was set, or with no usable pair. */
    public long droppedDatagrams() {
        return droppedDatagrams.get();
    }

    /** STUN messages rejected: malformed, failed authentication, or unknown transaction. */
    public long rejectedStunMessages() {
        return rejectedStun.get();
    }

    public void addListener(IceAgentListener listener) {
        listeners.add(listener);
    }

    public void removeListener(IceAgentListener listener) {
        listeners.remove(listener);
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    /**
     * Gathers local candidates: binds one socket per host address, then asks the STUN servers. Each
     * candidate is also reported to {@link IceAgentListener#onLocalCandidate} as found. Idempotent.
     * Interface enumeration happens on the calling thread (it is a blocking system call).
     */
    public CompletableFuture<List<IceCandidate>> gather() {
        List<InetAddress> addresses;
        if (sharedSocket == null || sharedSocket.localAddress().getAddress().isAnyLocalAddress()) {
            addresses = hostAddresses(); // a wildcard-bound mux advertises every interface with its port
        } else {
            addresses = List.of(sharedSocket.localAddress().getAddress());
        }
        onLoop(() -> startGathering(addresses));
        return gathered;
    }

    /**
     * The remote ufrag and password ({@code a=ice-ufrag}, {@code a=ice-pwd}). Different ones after
     * the first are an ICE restart by the peer (RFC 8445 §9.2): a new generation starts, using the
     * credentials passed to {@link #restart} (call that first).
     */
    public void setRemoteCredentials(String ufrag, String password) {
        IceCredentials c = new IceCredentials(ufrag, password);
        onLoop(() -> {
            boolean restart = remoteCredentials != null && !remoteCredentials.equals(c);
            remoteCredentials = c;
            remotePasswordBytes = c.password().getBytes(StandardCharsets.UTF_8);
            if (restart) {
                beginGeneration();
            }
        });
    }

    /**
     * Starts an ICE restart (RFC 8445 §9.1) with fresh local credentials. They answer checks at once
     * but become current only when {@link #setRemoteCredentials} brings new remote ones: until
     * then the current generation goes on unchanged.
     *
     * @throws IllegalArgumentException when {@code newLocal} has the current ufrag (a restart needs a new one)
     */
    public void restart(IceCredentials newLocal) {
        if (newLocal.ufrag().equals(localCredentials.ufrag())) {
            throw new IllegalArgumentException("an ICE restart needs a new ufrag");
        }
        onLoop(() -> {
            if (state.isTerminal()) {
                return;
            }
            if (pendingLocal != null && !pendingLocal.equals(newLocal) && sharedSocket != null) {
                sharedSocket.releaseUfrag(pendingLocal.ufrag());
            }
            if (sharedSocket != null && !sharedSocket.claimUfrag(newLocal.ufrag())) {
                LOG.warn("ICE {}: restart ufrag {} is taken on the shared port", localCredentials.ufrag(), newLocal.ufrag());
            }
            pendingLocal = newLocal;
            pendingLocalPasswordBytes = newLocal.password().getBytes(StandardCharsets.UTF_8);
            pendingResponder = new BindingResponder(pendingLocalPasswordBytes, config.software());
            LOG.debug("ICE {}: restart with pending ufrag {}", localCredentials.ufrag(), newLocal.ufrag());
        });
    }

    /** The ICE generation: 0, plus one per restart that took effect. */
    public int generation() {
        return generation;
    }

    /** True from the start of a new generation until it selects a pair. */
    public boolean isRestarting() {
        return restarting;
    }

    /** The remote side announced {@code a=ice-lite}: a full agent must then be controlling (RFC 8445 §6.1.1). */
    public void setRemoteLite(boolean remoteIsLite) {
        onLoop(() -> {
            remoteLite = remoteIsLite;
            if (remoteIsLite && !lite && role == IceRole.CONTROLLED) {
                changeRole(IceRole.CONTROLLING);
            }
        });
    }

    /** Sets the role before {@link #start()} (JSEP decides it from offer/answer). */
    public void setRole(IceRole newRole) {
        onLoop(() -> {
            if (!lite && !started && newRole != role) {
                changeRole(newRole);
            }
        });
    }

    /**
     * Adds a remote candidate from its SDP value (trickled or from the description).
     *
     * @throws IceCandidateParseException when the value is malformed (nothing is added)
     */
    public void addRemoteCandidate(String sdpValue) throws IceCandidateParseException {
        addRemoteCandidate(IceCandidate.parse(sdpValue));
    }

    /** Adds a remote candidate; TCP candidates and other components are ignored. */
    public void addRemoteCandidate(IceCandidate candidate) {
        onLoop(() -> addRemote(candidate));
    }

    /** No more remote candidates will come ({@code a=end-of-candidates}, or a non-trickle peer). */
    public void endOfRemoteCandidates() {
        onLoop(() -> remoteEnd = true);
    }

    /** Starts connectivity checks (a lite agent starts answering its timers). Idempotent. */
    public void start() {
        onLoop(this::startOnLoop);
    }

    @Override
    public void setReceiver(IceDatagramReceiver newReceiver) {
        onLoop(() -> receiver = newReceiver);
    }

    @Override
    public boolean send(ByteBuf datagram) {
        if (!loop.inEventLoop()) {
            try {
                loop.execute(() -> send(datagram));
            } catch (RuntimeException rejected) {
                datagram.release();
                droppedDatagrams.incrementAndGet();
                return false;
            }
            return true;
        }
        CandidatePair pair = sendingPair();
        if (pair == null) {
            if (!writable && !state.isTerminal()) {
                hold(datagram);
                return true;
            }
            datagram.release();
            droppedDatagrams.incrementAndGet();
            return false;
        }
        pair.local().base().send(datagram, pair.remote().address());
        return true;
    }

    /** True once a pair has been valid, i.e. {@link #send} has had somewhere to send. */
    public boolean isWritable() {
        return writable;
    }

    /**
     * Sends {@code datagram} (position to limit; copied before this returns) on the selected pair
     * from the calling thread, without handing it to the event loop, when that pair's socket allows
     * it (a dedicated NIO socket). Returns false, having sent nothing, when there is no selected
     * pair or the socket needs the loop: then use {@link #send(ByteBuf)}. Meant for a DTLS
     * handshake thread, which would otherwise wake the loop for every flight.
     */
    public boolean sendFromAnyThread(java.nio.ByteBuffer datagram) {
        CandidatePair p = selectedView;
        if (p == null || state.isTerminal()) {
            return false;
        }
        return p.local().base().sendFromAnyThread(datagram, p.remote().address());
    }

    @Override
    public InetSocketAddress remoteAddress() {
        CandidatePair p = selectedView;
        return p == null ? null : p.remote().address();
    }

    @Override
    public InetSocketAddress localAddress() {
        CandidatePair p = selectedView;
        return p == null ? null : p.local().address();
    }

    /** The selected remote candidate (possibly peer-reflexive), or null. */
    public IceCandidate selectedRemoteCandidate() {
        CandidatePair p = selectedView;
        return p == null ? null : p.remote().candidate();
    }

    /** Stops checks and timers, closes own sockets, and moves to CLOSED. Idempotent. */
    @Override
    public void close() {
        onLoop(this::closeOnLoop);
    }

    // ------------------------------------------------------------------ loop-side implementation

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private void hold(ByteBuf datagram) {
        if (held == null) {
            held = new ArrayDeque<>(MAX_HELD_DATAGRAMS);
        }
        if (held.size() == MAX_HELD_DATAGRAMS) {
            held.pollFirst().release(); // the newest copy of a retransmitted flight is worth more
            droppedDatagrams.incrementAndGet();
        }
        held.addLast(datagram);
    }

    private void releaseHeld() {
        if (held != null) {
            for (ByteBuf b : held) {
                b.release();
            }
            held = null;
        }
    }

    /**
     * Called wherever a pair may have become valid: the first time there is one, held datagrams go
     * out on it and listeners hear {@link IceAgentListener#onWritable()}.
     */
    private void maybeWritable() {
        if (writable || state.isTerminal()) {
            return;
        }
        CandidatePair pair = sendingPair();
        if (pair == null) {
            return;
        }
        writable = true;
        if (held != null) {
            ArrayDeque<ByteBuf> out = held;
            held = null;
            for (ByteBuf b : out) {
                pair.local().base().send(b, pair.remote().address());
            }
        }
        for (IceAgentListener l : listeners) {
            try {
                l.onWritable();
            } catch (RuntimeException e) {
                LOG.warn("ICE listener failed", e);
            }
        }
    }

    private List<InetAddress> hostAddresses() {
        return config.hostAddresses().isEmpty() ? HostAddresses.enumerate(config.includeLoopback()) : config.hostAddresses();
    }

    private void startGathering(List<InetAddress> addresses) {
        if (gatheringStarted || state.isTerminal()) {
            return;
        }
        gatheringStarted = true;
        ensureTicker();
        if (sharedSocket != null) {
            InetSocketAddress bound = sharedSocket.localAddress();
            for (InetAddress a : addresses) {
                addHostCandidate(new InetSocketAddress(a, bound.getPort()), sharedSocket);
            }
            finishGathering();
            return;
        }
        if (config.transportPolicy() == IceTransportPolicy.RELAY) {
            startRelays(); // no host sockets at all: nothing but the relays may reveal or use our addresses
            if (pendingServerTransactions == 0) {
                finishGathering();
            }
            return;
        }
        if (addresses.isEmpty()) {
            LOG.warn("no usable host address: no local candidates");
            finishGathering();
            return;
        }
        List<ChannelFuture> binds = new ArrayList<>();
        for (InetAddress address : addresses) {
            Bootstrap bootstrap = new Bootstrap().group(loop);
            if (channelClass == NioDatagramChannel.class) {
                // Our own JDK channel under Netty's, so a handshake thread can send without a loop hop.
                bootstrap.channelFactory(() -> {
                    java.nio.channels.DatagramChannel jdk = openJdkChannel();
                    NioDatagramChannel ch = new NioDatagramChannel(jdk);
                    ch.attr(JDK_CHANNEL).set(jdk);
                    return ch;
                });
            } else {
                bootstrap.channel(channelClass);
            }
            binds.add(bootstrap
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .handler(new SocketHandler())
                    .bind(new InetSocketAddress(address, 0)));
        }
        int[] remaining = {binds.size()};
        for (ChannelFuture f : binds) {
            f.addListener(done -> {
                if (done.isSuccess()) {
                    Channel ch = f.channel();
                    if (state == IceConnectionState.CLOSED) {
                        ch.close();
                    } else {
                        channels.add(ch);
                        ChannelSocket socket = new ChannelSocket(ch, ch.attr(JDK_CHANNEL).get());
                        ch.pipeline().get(SocketHandler.class).socket = socket;
                        addHostCandidate(socket.localAddress(), socket);
                    }
                } else {
                    LOG.debug("cannot bind a host candidate socket", done.cause());
                }
                if (--remaining[0] == 0) {
                    startRelays();
                    startServerReflexive();
                }
            });
        }
    }

    /** The JDK channel under a NIO channel this agent opened, for {@link ChannelSocket#sendFromAnyThread}. */
    private static final io.netty.util.AttributeKey<java.nio.channels.DatagramChannel> JDK_CHANNEL =
            io.netty.util.AttributeKey.valueOf(IceAgent.class, "jdkChannel");

    private static java.nio.channels.DatagramChannel openJdkChannel() {
        try {
            // As NioDatagramChannel() does: the default provider, no fixed protocol family.
            return java.nio.channels.spi.SelectorProvider.provider().openDatagramChannel();
        } catch (java.io.IOException e) {
            throw new io.netty.channel.ChannelException("cannot open a datagram channel", e);
        }
    }

    private void addHostCandidate(InetSocketAddress address, IceSocket base) {
        int localPreference = 65535 - localCandidates.size();
        IceCandidate c = IceCandidate.builder()
                .foundation(foundation("host", address.getAddress(), null))
                .componentId(COMPONENT_ID)
                .priority(IcePriority.candidatePriority(IceCandidateType.HOST.typePreference(), localPreference, COMPONENT_ID))
                .address(address)
                .type(IceCandidateType.HOST)
                .build();
        LocalCandidate local = new LocalCandidate(c, address, base, localPreference);
        localCandidates.add(local);
        for (RemoteCandidate r : new ArrayList<>(remoteCandidates)) {
            addPair(local, r);
        }
        for (IceAgentListener l : listeners) {
            l.onLocalCandidate(c);
        }
        checkNow(false);
    }

    private static String foundation(String type, InetAddress base, InetSocketAddress server) {
        int h = (type + base.getHostAddress() + (server == null ? "" : server.toString())).hashCode();
        return Integer.toUnsignedString(h);
    }

    private void startServerReflexive() {
        if (lite) {
            finishGathering(); // RFC 8445 §2.5: a lite agent has host candidates only
            return;
        }
        long now = System.nanoTime();
        for (LocalCandidate local : new ArrayList<>(localCandidates)) {
            for (InetSocketAddress server : config.stunServers()) {
                InetAddress base = local.address().getAddress();
                boolean sameFamily = (base instanceof Inet4Address) == (server.getAddress() instanceof Inet4Address);
                if (!sameFamily || base.isLoopbackAddress() != server.getAddress().isLoopbackAddress()) {
                    continue;
                }
                StunTransactionId id = StunTransactionId.random(config.random());
                ByteBuf buf = Unpooled.buffer(64);
                writer.begin(buf, StunClass.REQUEST, StunMethod.BINDING, id);
                if (config.software() != null) {
                    writer.software(config.software());
                }
                writer.fingerprint().finish();
                byte[] bytes = ByteBufUtil.getBytes(buf);
                buf.release();
                StunTransaction tx = new StunTransaction(id, StunTransaction.Kind.SERVER_REFLEXIVE, bytes, local.base(), server,
                        null, false, role, 0, now, TimeUnit.MILLISECONDS.toNanos(config.checkRtoMs()), config.maxCheckRetransmits());
                transactions.put(id, tx);
                pendingServerTransactions++;
                local.base().send(Unpooled.wrappedBuffer(bytes), server);
            }
        }
        if (pendingServerTransactions == 0) {
            finishGathering();
        }
    }

    /**
     * One allocation per configured TURN server (RFC 8445 §5.1.1.2). Each counts as a pending
     * gathering transaction until allocated, failed, or {@code relayGatherTimeoutMs} passed, so a
     * TURN server that is down delays gathering by at most that long and never fails ICE.
     */
    private void startRelays() {
        if (lite) {
            return;
        }
        for (TurnServer server : config.turnServers()) {
            TurnClient client = TurnClient.create(server, config.turnClientConfig(), loop);
            turnClients.add(client);
            pendingServerTransactions++;
            boolean[] pending = {true};
            Runnable done = () -> {
                if (pending[0]) {
                    pending[0] = false;
                    serverTransactionDone();
                }
            };
            ScheduledFuture<?> timeout = loop.schedule(() -> {
                LOG.debug("TURN server {} slow to allocate; gathering goes on without it", server.uri());
                done.run();
            }, config.relayGatherTimeoutMs(), TimeUnit.MILLISECONDS);
            client.allocate().whenComplete((relayed, error) -> onLoop(() -> {
                timeout.cancel(false);
                if (error != null) {
                    LOG.info("TURN server {} gives no relay candidate: {}", server.uri(), error.getMessage());
                } else if (!state.isTerminal()) {
                    addRelayCandidate(client, relayed);
                }
                done.run();
            }));
        }
    }

    private void addRelayCandidate(TurnClient client, InetSocketAddress relayed) {
        TurnRelaySocket socket = new TurnRelaySocket(client, relayed);
        client.setListener(new TurnClientListener() {
            @Override
            public void onData(InetSocketAddress peer, ByteBuf data) {
                onDatagram(socket, peer, data);
            }

            @Override
            public void onAllocationLost(TurnException cause) {
                LOG.info("TURN allocation {} lost: {}", relayed, cause.getMessage());
            }
        });
        int localPreference = 65535 - localCandidates.size();
        // Under the relay policy the related address would leak the host address the policy hides.
        InetSocketAddress related = config.transportPolicy() == IceTransportPolicy.RELAY || client.mappedAddress() == null
                ? new InetSocketAddress("0.0.0.0", 0) : client.mappedAddress();
        IceCandidate c = IceCandidate.builder()
                .foundation(foundation("relay", relayed.getAddress(), client.server().address()))
                .componentId(COMPONENT_ID)
                .priority(IcePriority.candidatePriority(IceCandidateType.RELAYED.typePreference(), localPreference, COMPONENT_ID))
                .address(relayed)
                .type(IceCandidateType.RELAYED)
                .related(related)
                .build();
        LocalCandidate local = new LocalCandidate(c, relayed, socket, localPreference);
        localCandidates.add(local);
        for (RemoteCandidate r : new ArrayList<>(remoteCandidates)) {
            addPair(local, r);
        }
        for (IceAgentListener l : listeners) {
            l.onLocalCandidate(c);
        }
    }

    private void serverTransactionDone() {
        if (--pendingServerTransactions == 0) {
            finishGathering();
        }
    }

    private void finishGathering() {
        if (regatheringReflexive) {
            regatheringReflexive = false; // gathering completed long ago; new candidates were trickled
            return;
        }
        List<IceCandidate> all = new ArrayList<>();
        for (LocalCandidate l : localCandidates) {
            all.add(l.candidate());
        }
        List<IceCandidate> result = List.copyOf(all);
        for (IceAgentListener l : listeners) {
            l.onGatheringComplete(result);
        }
        gathered.complete(result);
    }

    private void addRemote(IceCandidate candidate) {
        if (state.isTerminal()) {
            return;
        }
        if (!candidate.isUdp() || candidate.componentId() != COMPONENT_ID) {
            LOG.debug("ignoring non-UDP or non-RTP-component candidate {}", candidate);
            return;
        }
        InetSocketAddress address = candidate.socketAddress();
        if (address != null) {
            for (RemoteCandidate r : remoteCandidates) {
                if (address.equals(r.address())) {
                    return;
                }
            }
        }
        if (remoteCandidates.size() >= config.maxRemoteCandidates()) {
            LOG.debug("remote candidate limit {} reached, ignoring {}", config.maxRemoteCandidates(), candidate);
            return;
        }
        RemoteCandidate remote = new RemoteCandidate(candidate, address);
        remoteCandidates.add(remote);
        if (address == null) {
            LOG.debug("remote candidate {} has a host name; waiting for a peer-reflexive one instead", candidate.address());
            return;
        }
        if (lite) {
            return; // a lite agent never checks; it learns pairs from incoming checks
        }
        for (LocalCandidate local : new ArrayList<>(localCandidates)) {
            if (isPairable(local)) {
                addPair(local, remote);
            }
        }
        checkNow(false);
    }

    private CandidatePair addPair(LocalCandidate local, RemoteCandidate remote) {
        if (lite || remote.address() == null || !isPairable(local)) {
            return null;
        }
        boolean v4 = local.address().getAddress() instanceof Inet4Address;
        if (v4 != (remote.address().getAddress() instanceof Inet4Address)) {
            return null;
        }
        if (local.address().getAddress().isLoopbackAddress() != remote.address().getAddress().isLoopbackAddress()) {
            return null; // a loopback socket cannot reach another host, nor the reverse
        }
        CandidatePair existing = checkList.find(local.base(), remote.address());
        if (existing != null) {
            return existing;
        }
        CandidatePair pair = new CandidatePair(local, remote, role);
        return checkList.add(pair) ? pair : null;
    }

    /** Host and relay candidates have their own base; reflexive ones share a host's (RFC 8445 §6.1.2.4). */
    private static boolean isPairable(LocalCandidate local) {
        return local.candidate().type() == IceCandidateType.HOST || local.candidate().type() == IceCandidateType.RELAYED;
    }

    /**
     * Both sides have new credentials: drop the old generation's checks, pairs and remote
     * candidates, re-announce local candidates and start over (RFC 8445 §9.2). The selected pair
     * stays for sending until the new generation selects one.
     */
    private void beginGeneration() {
        if (state.isTerminal()) {
            return;
        }
        if (pendingLocal != null) {
            if (sharedSocket != null) {
                sharedSocket.releaseUfrag(localCredentials.ufrag());
            }
            localCredentials = pendingLocal;
            localPasswordBytes = pendingLocalPasswordBytes;
            responder = pendingResponder;
            pendingLocal = null;
            pendingLocalPasswordBytes = null;
            pendingResponder = null;
        } else {
            LOG.warn("ICE {}: the peer restarted but our credentials did not change", localCredentials.ufrag());
        }
        generation++;
        restarting = true;
        long now = System.nanoTime();
        transactions.values().removeIf(tx -> tx.kind != StunTransaction.Kind.SERVER_REFLEXIVE);
        checkList.clear();
        remoteCandidates.clear();
        nominationPair = null;
        remoteEnd = false;
        firstValidNs = 0;
        lastCheckSentNs = 0;
        lastRearmNs = now;
        startedNs = now;
        LOG.debug("ICE {}: generation {} begins", localCredentials.ufrag(), generation);
        int g = generation;
        for (IceAgentListener l : listeners) {
            l.onGenerationChange(g);
        }
        // Host and relay candidates keep their sockets; announce them again for the new generation.
        for (LocalCandidate l : localCandidates) {
            if (isPairable(l)) {
                for (IceAgentListener listener : listeners) {
                    listener.onLocalCandidate(l.candidate());
                }
            }
        }
        if (gatheringStarted && sharedSocket == null && !lite && pendingServerTransactions == 0
                && !config.stunServers().isEmpty()) {
            // A new network may map us differently: ask the STUN servers again; new mappings trickle.
            regatheringReflexive = true;
            startServerReflexive();
        }
        checkNow(false);
    }

    private void startOnLoop() {
        if (started || state.isTerminal()) {
            return;
        }
        started = true;
        startedNs = System.nanoTime();
        ensureTicker();
        setState(IceConnectionState.CHECKING);
        checkNow(false);
    }

    /**
     * Sends the next check now instead of at the next tick. {@code urgent} (a triggered check or the
     * nomination, both caused by an authenticated message of the peer) skips the Ta pacing; an
     * ordinary check goes only when no paced check left within the last Ta (RFC 8445 §14.2).
     */
    private void checkNow(boolean urgent) {
        if (!started || lite || remoteCredentials == null || state.isTerminal()) {
            return;
        }
        long now = System.nanoTime();
        if (!urgent && lastCheckSentNs != 0
                && now - lastCheckSentNs < TimeUnit.MILLISECONDS.toNanos(config.checkIntervalMs())) {
            return;
        }
        sendNextCheck();
    }

    private void ensureTicker() {
        if (ticker == null) {
            long periodMs = lite ? Math.max(config.checkIntervalMs(), 100) : config.checkIntervalMs();
            ticker = loop.scheduleAtFixedRate(this::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    private void closeOnLoop() {
        if (state == IceConnectionState.CLOSED) {
            return;
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (Channel ch : channels) {
            ch.close();
        }
        channels.clear();
        for (TurnClient client : turnClients) {
            client.close(); // frees the allocation (Refresh LIFETIME 0)
        }
        turnClients.clear();
        transactions.clear();
        checkList.clearTriggered();
        selected = null;
        selectedView = null;
        releaseHeld();
        setState(IceConnectionState.CLOSED);
        gathered.complete(List.of());
        if (onClose != null) {
            onClose.run();
        }
    }

    private void setState(IceConnectionState next) {
        IceConnectionState previous = state;
        if (previous == next || previous == IceConnectionState.CLOSED) {
            return;
        }
        state = next;
        LOG.debug("ICE {} {} -> {}", localCredentials.ufrag(), previous, next);
        for (IceAgentListener l : listeners) {
            try {
                l.onStateChange(previous, next);
            } catch (RuntimeException e) {
                LOG.warn("ICE listener failed", e);
            }
        }
        if (next == IceConnectionState.FAILED) {
            // RFC 7675 §5.1: no more sending; keep the sockets so the owner decides when to close.
            transactions.clear();
            checkList.clearTriggered();
            selected = null;
            selectedView = null;
            releaseHeld();
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
    }

    private void changeRole(IceRole next) {
        role = next;
        checkList.reprioritize(next);
        nominationPair = null;
        for (IceAgentListener l : listeners) {
            l.onRoleChange(next);
        }
    }

    // ------------------------------------------------------------------ timers

    private void tick() {
        if (state.isTerminal()) {
            return;
        }
        long now = System.nanoTime();
        retransmit(now);
        if (state.isTerminal()) {
            return;
        }
        if (started && !lite && remoteCredentials != null) {
            sendNextCheck();
            maybeNominate(now);
            sendConsent(now);
        }
        if (started) {
            checkAllFailed();
            checkLiveness(now);
            maybeRearm(now);
            maybeRequestRestart(now);
        }
    }

    private void maybeRearm(long now) {
        if (!restarting || lite || state.isTerminal()
                || now - lastRearmNs < TimeUnit.MILLISECONDS.toNanos(RESTART_REARM_MS)) {
            return;
        }
        lastRearmNs = now;
        if (checkList.rearmFailed() > 0) {
            checkNow(false);
        }
    }

    private void maybeRequestRestart(long now) {
        long afterNs = TimeUnit.MILLISECONDS.toNanos(config.consentLossRestartMs());
        if (afterNs == 0 || selected == null || state.isTerminal() || now - lastConsentNs <= afterNs
                || lastRestartRequestNs != 0 && now - lastRestartRequestNs <= afterNs) {
            return;
        }
        lastRestartRequestNs = now;
        LOG.debug("ICE {}: consent lost for {} ms, restart needed", localCredentials.ufrag(),
                TimeUnit.NANOSECONDS.toMillis(now - lastConsentNs));
        for (IceAgentListener l : listeners) {
            try {
                l.onRestartNeeded();
            } catch (RuntimeException e) {
                LOG.warn("ICE listener failed", e);
            }
        }
    }

    private void retransmit(long now) {
        Iterator<StunTransaction> it = transactions.values().iterator();
        List<StunTransaction> expired = null;
        while (it.hasNext()) {
            StunTransaction tx = it.next();
            if (now - tx.dueNs < 0) {
                continue;
            }
            if (tx.retransmitsLeft > 0) {
                tx.retransmitsLeft--;
                tx.rtoNs = restarting && tx.kind == StunTransaction.Kind.CHECK
                        ? Math.min(tx.rtoNs * 2, TimeUnit.MILLISECONDS.toNanos(RESTART_MAX_RTO_MS)) : tx.rtoNs * 2;
                tx.dueNs = now + tx.rtoNs;
                tx.socket.send(Unpooled.wrappedBuffer(tx.request), tx.recipient);
            } else {
                it.remove();
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(tx);
            }
        }
        if (expired != null) {
            for (StunTransaction tx : expired) {
                onTransactionTimeout(tx);
            }
        }
    }

    private void onTransactionTimeout(StunTransaction tx) {
        switch (tx.kind) {
            case SERVER_REFLEXIVE -> serverTransactionDone();
            case CONSENT -> {
                // Consent expiry is judged by time since the last response, not per request.
            }
            case CHECK -> {
                CandidatePair p = tx.pair;
                if (p.state == CandidatePair.State.IN_PROGRESS) {
                    p.state = CandidatePair.State.FAILED;
                }
                if (nominationPair == p) {
                    nominationPair = null;
                }
                checkAllFailed();
            }
        }
    }

    private void sendNextCheck() {
        CandidatePair next = checkList.nextToCheck(p -> p.nominating && !hasInflightNomination(p));
        if (next != null) {
            lastCheckSentNs = System.nanoTime();
            sendCheck(next, StunTransaction.Kind.CHECK, role == IceRole.CONTROLLING && next.nominating);
        }
    }

    private boolean hasInflightNomination(CandidatePair p) {
        for (StunTransaction tx : transactions.values()) {
            if (tx.pair == p && tx.useCandidate) {
                return true;
            }
        }
        return false;
    }

    private void sendCheck(CandidatePair pair, StunTransaction.Kind kind, boolean useCandidate) {
        long requestPriority = IcePriority.candidatePriority(IceCandidateType.PEER_REFLEXIVE.typePreference(),
                pair.local().localPreference(), COMPONENT_ID);
        StunTransactionId id = StunTransactionId.random(config.random());
        ByteBuf buf = Unpooled.buffer(128);
        writer.begin(buf, StunClass.REQUEST, StunMethod.BINDING, id)
                .username(remoteCredentials.ufrag() + ":" + localCredentials.ufrag())
                .priority(requestPriority);
        if (role == IceRole.CONTROLLING) {
            writer.iceControlling(tieBreaker);
        } else {
            writer.iceControlled(tieBreaker);
        }
        if (useCandidate) {
            writer.useCandidate();
        }
        if (config.software() != null) {
            writer.software(config.software());
        }
        writer.messageIntegrity(remotePasswordBytes).fingerprint().finish();
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        long now = System.nanoTime();
        int retransmits = kind == StunTransaction.Kind.CONSENT ? 0 : config.maxCheckRetransmits();
        long rtoNs = kind == StunTransaction.Kind.CONSENT
                ? TimeUnit.MILLISECONDS.toNanos(config.consentIntervalMs())
                : TimeUnit.MILLISECONDS.toNanos(config.checkRtoMs());
        transactions.put(id, new StunTransaction(id, kind, bytes, pair.local().base(), pair.remote().address(), pair,
                useCandidate, role, requestPriority, now, rtoNs, retransmits));
        if (kind == StunTransaction.Kind.CHECK && pair.state != CandidatePair.State.SUCCEEDED) {
            pair.state = CandidatePair.State.IN_PROGRESS;
        }
        pair.local().base().send(Unpooled.wrappedBuffer(bytes), pair.remote().address());
    }

    private void maybeNominate(long now) {
        if (role != IceRole.CONTROLLING || nominationPair != null || (selected != null && selected.nominating && !restarting)) {
            return;
        }
        CandidatePair best = checkList.bestSucceeded();
        if (best == null) {
            return;
        }
        if (checkList.hasPendingAbove(best) && now - firstValidNs < TimeUnit.MILLISECONDS.toNanos(config.nominationDelayMs())) {
            return;
        }
        nominationPair = best;
        best.nominating = true;
        checkList.trigger(best, true);
    }

    private void sendConsent(long now) {
        if (selected == null || !(state.isConnected() || state == IceConnectionState.DISCONNECTED)) {
            return;
        }
        if (now - nextConsentNs >= 0) {
            sendCheck(selected, StunTransaction.Kind.CONSENT, false);
            // RFC 7675 §5.1: randomise the interval to 0.8..1.2 of its value.
            double factor = 0.8 + 0.4 * config.random().nextDouble();
            nextConsentNs = now + (long) (TimeUnit.MILLISECONDS.toNanos(config.consentIntervalMs()) * factor);
        }
    }

    private void checkLiveness(long now) {
        if (selected == null) {
            if (state == IceConnectionState.CHECKING
                    && now - startedNs > TimeUnit.MILLISECONDS.toNanos(config.checkingTimeoutMs())) {
                LOG.debug("ICE {}: no pair selected within {} ms", localCredentials.ufrag(), config.checkingTimeoutMs());
                setState(IceConnectionState.FAILED);
            }
            return;
        }
        if (now - lastConsentNs > TimeUnit.MILLISECONDS.toNanos(config.failedTimeoutMs())) {
            LOG.debug("ICE {}: consent expired", localCredentials.ufrag());
            setState(IceConnectionState.FAILED);
        } else if (now - lastHeardNs > TimeUnit.MILLISECONDS.toNanos(config.disconnectedTimeoutMs())) {
            if (state.isConnected()) {
                setState(IceConnectionState.DISCONNECTED);
            }
        } else if (state == IceConnectionState.DISCONNECTED) {
            setState(IceConnectionState.CONNECTED);
            maybeComplete();
        }
    }

    private void checkAllFailed() {
        if (restarting || selected != null || !remoteEnd || state != IceConnectionState.CHECKING || !checkList.allFailed()) {
            return;
        }
        LOG.debug("ICE {}: every candidate pair failed", localCredentials.ufrag());
        setState(IceConnectionState.FAILED);
    }

    private void maybeComplete() {
        if (state != IceConnectionState.CONNECTED || !remoteEnd || lite) {
            return;
        }
        if (!checkList.checksPending()) {
            setState(IceConnectionState.COMPLETED);
        }
    }

    private CandidatePair sendingPair() {
        if (state.isTerminal()) {
            return null;
        }
        return selected != null ? selected : checkList.bestSucceeded();
    }

    private void select(CandidatePair pair) {
        if (selected == pair) {
            return;
        }
        long now = System.nanoTime();
        selected = pair;
        selectedView = pair;
        if (restarting) {
            restarting = false;
            lastRestartRequestNs = 0;
            LOG.debug("ICE {}: generation {} selected its first pair", localCredentials.ufrag(), generation);
        }
        lastHeardNs = now;
        lastConsentNs = now;
        nextConsentNs = now + TimeUnit.MILLISECONDS.toNanos(config.consentIntervalMs());
        LOG.debug("ICE {} selected {}", localCredentials.ufrag(), pair);
        IceCandidate local = pair.local().candidate();
        IceCandidate remote = pair.remote().candidate();
        for (IceAgentListener l : listeners) {
            l.onSelectedPair(local, remote);
        }
        maybeWritable();
        if (state == IceConnectionState.CHECKING || state == IceConnectionState.NEW || state == IceConnectionState.DISCONNECTED) {
            setState(IceConnectionState.CONNECTED);
        }
        maybeComplete();
    }

    // ------------------------------------------------------------------ receive path

    /** Entry point for every datagram on a socket of this agent; {@code content} stays owned by the caller. */
    void onDatagram(IceSocket socket, InetSocketAddress sender, ByteBuf content) {
        if (state == IceConnectionState.CLOSED) {
            return;
        }
        if (StunMessage.looksLikeStun(content)) {
            StunMessage message;
            try {
                message = StunMessage.decode(content);
            } catch (StunParseException e) {
                rejectedStun.incrementAndGet();
                return;
            }
            onStunMessage(socket, sender, message);
            return;
        }
        onApplicationDatagram(socket, sender, content);
    }

    /** A decoded STUN message for this agent (the mux decodes once to route by ufrag). */
    void onStunMessage(IceSocket socket, InetSocketAddress sender, StunMessage message) {
        if (state == IceConnectionState.CLOSED) {
            return;
        }
        if (message.method() != StunMethod.BINDING) {
            rejectedStun.incrementAndGet();
            return;
        }
        switch (message.messageClass()) {
            case REQUEST -> onRequest(socket, sender, message);
            case SUCCESS_RESPONSE, ERROR_RESPONSE -> onResponse(socket, sender, message);
            case INDICATION -> {
                // Binding indications are keepalives (RFC 8445 §11): nothing to do.
            }
        }
    }

    /** A non-STUN datagram (DTLS) for this agent; {@code content} stays owned by the caller. */
    void onApplicationDatagram(IceSocket socket, InetSocketAddress sender, ByteBuf content) {
        if (state == IceConnectionState.FAILED || !authenticatedRemotes.contains(sender) && !isValidRemote(socket, sender)) {
            droppedDatagrams.incrementAndGet();
            return;
        }
        if (selected != null && sender.equals(selected.remote().address())) {
            lastHeardNs = System.nanoTime();
        }
        IceDatagramReceiver r = receiver;
        if (r == null) {
            droppedDatagrams.incrementAndGet();
            return;
        }
        try {
            r.onDatagram(content);
        } catch (RuntimeException e) {
            LOG.warn("ICE datagram receiver failed", e);
        }
    }

    private boolean isValidRemote(IceSocket socket, InetSocketAddress sender) {
        CandidatePair p = checkList.find(socket, sender);
        return p != null && p.state == CandidatePair.State.SUCCEEDED;
    }

    private void onRequest(IceSocket socket, InetSocketAddress sender, StunMessage request) {
        if (state.isTerminal()) {
            return;
        }
        String username = request.username();
        if (username == null || !request.hasMessageIntegrity()) {
            rejectedStun.incrementAndGet();
            responder.error(socket, sender, request, StunErrorCode.BAD_REQUEST, false);
            return;
        }
        int colon = username.indexOf(':');
        String localPart = colon < 0 ? username : username.substring(0, colon);
        if (pendingLocal != null && localPart.equals(pendingLocal.ufrag())) {
            // The peer already has our restart offer and checks the new generation, whose remote
            // credentials we learn only from its answer: answer, so its check succeeds; our own
            // checks follow once the answer is applied.
            if (request.verifyMessageIntegrity(pendingLocalPasswordBytes)) {
                if (authenticatedRemotes.size() < config.maxRemoteCandidates() * 2 && authenticatedRemotes.add(sender)) {
                    socket.remoteAuthenticated(sender);
                }
                pendingResponder.success(socket, sender, request);
            } else {
                rejectedStun.incrementAndGet();
                pendingResponder.error(socket, sender, request, StunErrorCode.UNAUTHENTICATED, false);
            }
            return;
        }
        if (!localPart.equals(localCredentials.ufrag()) || !request.verifyMessageIntegrity(localPasswordBytes)) {
            rejectedStun.incrementAndGet();
            responder.error(socket, sender, request, StunErrorCode.UNAUTHENTICATED, false);
            return;
        }
        if (remoteCredentials != null && colon >= 0 && !username.substring(colon + 1).equals(remoteCredentials.ufrag())) {
            // A check from an older session or another peer that guessed our ufrag and password: ignore.
            rejectedStun.incrementAndGet();
            responder.error(socket, sender, request, StunErrorCode.UNAUTHENTICATED, false);
            return;
        }
        int[] unknown = request.unknownComprehensionRequired();
        if (unknown.length > 0) {
            responder.unknownAttributes(socket, sender, request, unknown);
            return;
        }
        if (!lite && !resolveRoleConflict(socket, sender, request)) {
            return;
        }
        responder.success(socket, sender, request);
        long now = System.nanoTime();
        if (authenticatedRemotes.size() < config.maxRemoteCandidates() * 2 && authenticatedRemotes.add(sender)) {
            socket.remoteAuthenticated(sender);
        }
        RemoteCandidate remote = remoteFor(sender, request.priority());
        if (lite) {
            if (state == IceConnectionState.NEW) {
                setState(IceConnectionState.CHECKING);
                startedNs = now;
                started = true;
                ensureTicker();
            }
            if (remote == null) {
                return;
            }
            CandidatePair pair = litePair(socket, remote);
            maybeWritable();
            if (pair != null && selected == pair) {
                lastHeardNs = now;
                lastConsentNs = now;
            }
            if (pair != null && request.useCandidate()) {
                select(pair);
            }
            return;
        }
        if (selected != null && sender.equals(selected.remote().address())) {
            lastHeardNs = now;
        }
        if (remote == null) {
            return;
        }
        LocalCandidate local = localFor(socket);
        if (local == null) {
            return;
        }
        CandidatePair pair = addPair(local, remote);
        if (pair == null) {
            return;
        }
        if (request.useCandidate() && role == IceRole.CONTROLLED) {
            pair.peerNominated = true;
            if (pair.state == CandidatePair.State.SUCCEEDED) {
                select(pair);
                return;
            }
        }
        if (pair.state != CandidatePair.State.SUCCEEDED && pair.state != CandidatePair.State.IN_PROGRESS && !pair.triggered) {
            // RFC 8445 §7.3.1.4 triggered check; a failed pair gets another chance.
            pair.state = CandidatePair.State.WAITING;
            checkList.trigger(pair, false);
            checkNow(true);
        }
    }

    /** Returns false when the request was answered with 487 and must not be processed further. */
    private boolean resolveRoleConflict(IceSocket socket, InetSocketAddress sender, StunMessage request) {
        OptionalLong theirControlling = request.iceControlling();
        OptionalLong theirControlled = request.iceControlled();
        if (role == IceRole.CONTROLLING && theirControlling.isPresent()) {
            if (Long.compareUnsigned(tieBreaker, theirControlling.getAsLong()) >= 0) {
                responder.error(socket, sender, request, StunErrorCode.ROLE_CONFLICT, true);
                return false;
            }
            changeRole(IceRole.CONTROLLED);
        } else if (role == IceRole.CONTROLLED && theirControlled.isPresent()) {
            if (Long.compareUnsigned(tieBreaker, theirControlled.getAsLong()) >= 0) {
                changeRole(IceRole.CONTROLLING);
            } else {
                responder.error(socket, sender, request, StunErrorCode.ROLE_CONFLICT, true);
                return false;
            }
        }
        return true;
    }

    private RemoteCandidate remoteFor(InetSocketAddress sender, long requestPriority) {
        for (RemoteCandidate r : remoteCandidates) {
            if (sender.equals(r.address())) {
                return r;
            }
        }
        if (remoteCandidates.size() >= config.maxRemoteCandidates()) {
            return null;
        }
        // RFC 8445 §7.3.1.3: a peer-reflexive remote candidate with the priority from the request.
        long priority = requestPriority >= 0 ? requestPriority
                : IcePriority.candidatePriority(IceCandidateType.PEER_REFLEXIVE.typePreference(), 0, COMPONENT_ID);
        IceCandidate c = IceCandidate.builder()
                .foundation(IceCredentials.randomIceChars(config.random(), 8))
                .componentId(COMPONENT_ID)
                .priority(priority)
                .address(sender)
                .type(IceCandidateType.PEER_REFLEXIVE)
                .build();
        RemoteCandidate r = new RemoteCandidate(c, sender);
        remoteCandidates.add(r);
        LOG.debug("ICE {} learned peer-reflexive remote candidate {}", localCredentials.ufrag(), sender);
        return r;
    }

    private LocalCandidate localFor(IceSocket socket) {
        for (LocalCandidate l : localCandidates) {
            if (l.base() == socket && isPairable(l)) {
                return l;
            }
        }
        return null;
    }

    private CandidatePair litePair(IceSocket socket, RemoteCandidate remote) {
        CandidatePair existing = checkList.findByRemote(socket, remote);
        if (existing != null) {
            return existing;
        }
        LocalCandidate local = localFor(socket);
        if (local == null) {
            return null;
        }
        CandidatePair p = new CandidatePair(local, remote, role);
        p.state = CandidatePair.State.SUCCEEDED;
        return checkList.add(p) ? p : null;
    }

    private void onResponse(IceSocket socket, InetSocketAddress sender, StunMessage response) {
        StunTransaction tx = transactions.get(response.transactionId());
        if (tx == null) {
            rejectedStun.incrementAndGet();
            return;
        }
        if (tx.kind == StunTransaction.Kind.SERVER_REFLEXIVE) {
            transactions.remove(tx.id);
            onServerResponse(tx, response);
            return;
        }
        boolean authentic = response.verifyMessageIntegrity(remotePasswordBytes);
        StunErrorCode error = response.messageClass() == StunClass.ERROR_RESPONSE ? response.errorCode() : null;
        if (!authentic && !(error != null && error.code() == StunErrorCode.UNAUTHENTICATED.code())) {
            // RFC 8445 §7.2.5.1: responses that fail integrity are discarded; retransmissions continue.
            rejectedStun.incrementAndGet();
            return;
        }
        transactions.remove(tx.id);
        CandidatePair pair = tx.pair;
        if (!sender.equals(tx.recipient) || socket != tx.socket) {
            // RFC 8445 §7.2.5.2.1: non-symmetric addresses fail the pair.
            if (tx.kind == StunTransaction.Kind.CHECK) {
                pair.state = CandidatePair.State.FAILED;
                checkAllFailed();
            }
            return;
        }
        if (error != null) {
            if (error.code() == StunErrorCode.ROLE_CONFLICT.code() && authentic) {
                if (tx.role == role) {
                    changeRole(role.opposite());
                }
                pair.state = CandidatePair.State.WAITING;
                checkList.trigger(pair, false);
                return;
            }
            LOG.debug("ICE {} check on {} failed with {}", localCredentials.ufrag(), pair, error);
            if (tx.kind == StunTransaction.Kind.CHECK) {
                pair.state = CandidatePair.State.FAILED;
                if (nominationPair == pair) {
                    nominationPair = null;
                }
                checkAllFailed();
            }
            return;
        }
        long now = System.nanoTime();
        if (selected == pair) {
            lastHeardNs = now;
            lastConsentNs = now;
        }
        if (tx.kind == StunTransaction.Kind.CONSENT) {
            return;
        }
        InetSocketAddress mapped = response.xorMappedAddress();
        if (mapped != null) {
            learnLocalPeerReflexive(socket, mapped, tx.requestPriority);
        }
        if (pair.state != CandidatePair.State.SUCCEEDED) {
            pair.state = CandidatePair.State.SUCCEEDED;
            if (firstValidNs == 0) {
                firstValidNs = now;
            }
        }
        maybeWritable();
        if (tx.useCandidate && role == IceRole.CONTROLLING) {
            select(pair);
        } else if (role == IceRole.CONTROLLED && pair.peerNominated) {
            select(pair);
        } else if (role == IceRole.CONTROLLING && nominationPair == null && !state.isTerminal()) {
            // Nominate now rather than at the next tick: one round trip instead of up to two Ta.
            maybeNominate(now);
            if (nominationPair == pair) {
                checkNow(true);
            }
        }
        maybeComplete();
    }

    private void learnLocalPeerReflexive(IceSocket socket, InetSocketAddress mapped, long priority) {
        for (LocalCandidate l : localCandidates) {
            if (l.address().equals(mapped)) {
                return;
            }
        }
        if (localCandidates.size() >= config.maxRemoteCandidates()) {
            return;
        }
        LocalCandidate base = localFor(socket);
        IceCandidate c = IceCandidate.builder()
                .foundation(foundation("prflx", mapped.getAddress(), null))
                .componentId(COMPONENT_ID)
                .priority(priority)
                .address(mapped)
                .type(IceCandidateType.PEER_REFLEXIVE)
                .related(socket.localAddress())
                .build();
        localCandidates.add(new LocalCandidate(c, mapped, socket, base == null ? 0 : base.localPreference()));
    }

    private void onServerResponse(StunTransaction tx, StunMessage response) {
        InetSocketAddress mapped = response.xorMappedAddress();
        if (mapped == null) {
            mapped = response.mappedAddress();
        }
        if (response.messageClass() == StunClass.SUCCESS_RESPONSE && mapped != null) {
            boolean known = false;
            for (LocalCandidate l : localCandidates) {
                known |= l.address().equals(mapped);
            }
            if (!known) {
                LocalCandidate base = localFor(tx.socket);
                int localPreference = base == null ? 0 : base.localPreference();
                IceCandidate c = IceCandidate.builder()
                        .foundation(foundation("srflx", tx.socket.localAddress().getAddress(), tx.recipient))
                        .componentId(COMPONENT_ID)
                        .priority(IcePriority.candidatePriority(IceCandidateType.SERVER_REFLEXIVE.typePreference(),
                                localPreference, COMPONENT_ID))
                        .address(mapped)
                        .type(IceCandidateType.SERVER_REFLEXIVE)
                        .related(tx.socket.localAddress())
                        .build();
                localCandidates.add(new LocalCandidate(c, mapped, tx.socket, localPreference));
                for (IceAgentListener l : listeners) {
                    l.onLocalCandidate(c);
                }
            }
        }
        serverTransactionDone();
    }

    // ------------------------------------------------------------------ responses

    @Override
    public String toString() {
        return "IceAgent[" + localCredentials.ufrag() + " " + (lite ? "lite " : "") + role + " " + state + "]";
    }

    // ------------------------------------------------------------------ own sockets

    /** A bound datagram channel of this agent. */
    private static final class ChannelSocket implements IceSocket {
        private final Channel channel;
        private final InetSocketAddress local;
        /** The JDK channel under a NIO channel we opened ourselves, or null. */
        private final java.nio.channels.DatagramChannel jdk;

        ChannelSocket(Channel channel, java.nio.channels.DatagramChannel jdk) {
            this.channel = channel;
            this.local = (InetSocketAddress) channel.localAddress();
            this.jdk = jdk;
        }

        @Override
        public boolean sendFromAnyThread(java.nio.ByteBuffer datagram, InetSocketAddress recipient) {
            if (jdk == null || !channel.isActive()) {
                return false;
            }
            try {
                // A JDK DatagramChannel serializes concurrent sends and may send while the loop receives.
                jdk.send(datagram, recipient);
            } catch (java.io.IOException e) {
                LOG.debug("ICE socket {} direct send failed", local, e);
            }
            return true;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public void send(ByteBuf datagram, InetSocketAddress recipient) {
            channel.writeAndFlush(new DatagramPacket(datagram, recipient), channel.voidPromise());
        }
    }

    /** Feeds a dedicated socket's datagrams to the agent; never lets an exception reach Netty. */
    private final class SocketHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private IceSocket socket;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (socket == null) {
                return;
            }
            try {
                onDatagram(socket, packet.sender(), packet.content());
            } catch (RuntimeException e) {
                LOG.warn("ICE agent failed on a datagram from {}", packet.sender(), e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like surface here: log quietly, the socket stays usable.
            LOG.debug("ICE socket {} error", ctx.channel().localAddress(), cause);
        }
    }
}
