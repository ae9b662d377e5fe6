package dev.netcode.webrtc.transport;

import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.TransportAcceptor;
import dev.netcode.core.transport.TransportClosedException;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportException;
import dev.netcode.core.transport.TransportHandler;
import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.ice.IceUdpMux;
import dev.netcode.webrtc.transport.internal.PeerConnectionConfigs;
import dev.netcode.webrtc.transport.internal.Signal;
import dev.netcode.webrtc.transport.internal.SignalFormatException;
import dev.netcode.webrtc.transport.internal.WebRtcConnection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link Transport} over WebRTC data channels: {@code NetServer}/{@code NetClient} run on
 * real ICE, DTLS and SCTP, to another JVM or (with the same signaling) to anything that speaks
 * WebRTC. Signaling goes through a {@link WebRtcSignaling} you provide.
 *
 * <h2>User guide</h2>
 * <pre>{@code
 * LoopbackSignaling hub = new LoopbackSignaling();                  // or a lobby adapter
 * WebRtcTransportConfig config = WebRtcTransportConfig.builder()
 *         .peerConnection(PeerConnectionConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
 *         .singlePortAddress(new InetSocketAddress("127.0.0.1", 0))
 *         .build();
 * WebRtcTransport hostTransport = WebRtcTransport.create(hub.endpoint("host"), config);
 * NetServer server = new NetServer(netConfig, registry, hostTransport, serverListener);
 * server.bind("host");                                              // the signaling id is the address
 *
 * WebRtcTransport playerTransport = WebRtcTransport.create(hub.endpoint("player-1"), config);
 * NetClient client = new NetClient(netConfig, registry, playerTransport, clientListener);
 * client.connect("host");
 * }</pre>
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>{@link #listen}: the address must be the signaling endpoint's own id. Each offer that
 *       arrives becomes one {@link PeerConnection}; in single-port mode (the default) all of them
 *       share one {@link IceUdpMux} port as ICE-lite agents, so a host needs one open UDP port.</li>
 *   <li>{@link #connect}: creates a peer connection (full ICE on its own sockets), sends the offer
 *       and trickles candidates; the future completes when both data channels are open and the
 *       peer's ready marker arrived.</li>
 *   <li>Channels: {@code RELIABLE_ORDERED} is a reliable ordered data channel; both unreliable
 *       channels share one unordered {@code maxRetransmits=0} data channel (core sequences
 *       {@code UNRELIABLE_SEQUENCED} itself). Both are pre-negotiated (ids 0 and 1), which saves
 *       the DCEP round trip and leaves nothing for the peer to announce.</li>
 *   <li>Flow control: {@code send} throws {@code BackpressureException} beyond
 *       {@link WebRtcTransportConfig#maxBufferedBytes()}; {@code isWritable()} turns false above
 *       the high watermark and {@code onWritable} fires at the low watermark (driven by the data
 *       channels' {@code bufferedamountlow}).</li>
 *   <li>Close: orderly by a close marker on the reliable channel, which follows the data sent before it;
 *       {@code onClosed} fires exactly once per connection, with a cause for ICE/DTLS failures or
 *       consent loss and null for a close by either side.</li>
 * </ul>
 *
 * <h2>Hostile peers</h2>
 * Signaling payloads above {@link WebRtcTransportConfig#maxSignalPayloadChars()} are dropped
 * unparsed; malformed ones are dropped and counted ({@link #droppedSignals()}). A listener holds at
 * most {@code maxConnections} connections, {@code maxPendingHandshakes} handshakes and
 * {@code maxPendingHandshakesPerPeer} per peer id; extra offers get a {@code bye}. Every handshake
 * ends after {@code handshakeTimeoutMs}.
 *
 * <h2>Threads</h2>
 * Handlers and the acceptor run on the connection's Netty event loop (for accepted connections
 * in single-port mode: the mux's loop, shared by all of them). Never block there: core hands
 * messages over to the game thread.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>One transport per signaling endpoint: the transport installs itself as the endpoint's
 *       listener.</li>
 *   <li>Single port means ICE-lite: clients must reach the host's advertised address directly. On
 *       a loopback-only machine pin {@code hostAddresses(127.0.0.1)} on both sides.</li>
 *   <li>A blocked handler blocks every connection on its event loop (in single-port mode, every
 *       client of the host).</li>
 *   <li>{@code send} copies the message (one allocation per message); the copy is released once
 *       SCTP has taken it.</li>
 *   <li>{@link #close()} is abrupt (a shutdown): connections get {@code onClosed(null)} and the
 *       peers see the peer connection close. Close connections first for an orderly goodbye.</li>
 *   <li>Two string messages on the reliable channel belong to the transport: {@code netcode:ready}
 *       (each side sends it when its channels open; a connection opens when the peer's arrived, so
 *       data has crossed in both directions) and {@code netcode:close} (the orderly close, after
 *       the data sent before it). Application data is always binary. A browser peer speaking to
 *       this transport must send both (a few lines of JavaScript).</li>
 *   <li>An orderly close waits up to {@code closeTimeoutMs} for the peer; a short value can cut
 *       off data that SCTP is still retransmitting on a lossy link.</li>
 * </ul>
 */
public final class WebRtcTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);

    private final WebRtcSignaling signaling;
    private final WebRtcTransportConfig config;
    private final Map<Key, WebRtcConnection> dialing = new ConcurrentHashMap<>();
    private final Map<Key, WebRtcConnection> accepted = new ConcurrentHashMap<>();
    private final AtomicLong droppedSignals = new AtomicLong();
    private final ClientOwner clientOwner = new ClientOwner();
    private volatile Server server;
    private volatile boolean closed;

    private record Key(String peerId, String connectionId) {
    }

    private WebRtcTransport(WebRtcSignaling signaling, WebRtcTransportConfig config) {
        this.signaling = signaling;
        this.config = config;
        signaling.setListener(this::onSignal);
    }

    /** A transport that signals through {@code signaling} (and installs itself as its listener). */
    public static WebRtcTransport create(WebRtcSignaling signaling, WebRtcTransportConfig config) {
        return new WebRtcTransport(Objects.requireNonNull(signaling, "signaling"), Objects.requireNonNull(config, "config"));
    }

    public WebRtcTransportConfig config() {
        return config;
    }

    /** Signaling payloads dropped: too long, malformed, or for no known connection. */
    public long droppedSignals() {
        return droppedSignals.get();
    }

    /**
     * Accepts offers sent to this transport's signaling id. Binds the single UDP port now (blocks
     * briefly; not on an event loop).
     *
     * @throws TransportException when {@code address} is not the signaling id, this transport
     *         already listens, or the port cannot be bound
     */
    @Override
    public WebRtcTransportServer listen(String address, TransportAcceptor acceptor) {
        Objects.requireNonNull(acceptor, "acceptor");
        if (closed) {
            throw new TransportClosedException("transport is closed");
        }
        if (!signaling.localPeerId().equals(address)) {
            throw new TransportException("a WebRTC transport listens at its signaling id '" + signaling.localPeerId()
                    + "', not '" + address + "'");
        }
        synchronized (this) {
            Server s = server;
            if (s != null && !s.closed) {
                throw new TransportException("already listening at '" + address + "'");
            }
            IceUdpMux mux = config.udpMux();
            boolean ownsMux = false;
            if (mux == null && config.singlePort()) {
                try {
                    mux = IceUdpMux.bind(config.peerConnection().eventLoopGroup(), config.singlePortAddress(),
                            config.maxConnections(), config.peerConnection().datagramChannelClass());
                } catch (RuntimeException e) {
                    throw new TransportException("cannot bind UDP " + config.singlePortAddress() + ": " + e.getMessage(), e);
                }
                ownsMux = true;
            }
            s = new Server(address, acceptor, mux, ownsMux);
            server = s;
            return s;
        }
    }

    @Override
    public CompletableFuture<TransportConnection> connect(String address, TransportHandler handler) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        if (closed) {
            return CompletableFuture.failedFuture(new TransportClosedException("transport is closed"));
        }
        String connectionId = newConnectionId();
        PeerConnection pc;
        try {
            pc = PeerConnection.create(PeerConnectionConfigs.derive(config.peerConnection(), null, false), null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TransportException("cannot create a peer connection: " + e.getMessage(), e));
        }
        WebRtcConnection c = new WebRtcConnection(config, clientOwner, pc, address, connectionId, true, handler);
        dialing.put(new Key(address, connectionId), c);
        c.startOffer();
        return c.opened().thenApply(x -> x);
    }

    /** Closes the listener and every connection at once (see the class Pitfalls). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        signaling.setListener(null);
        Server s = server;
        List<WebRtcConnection> all = new ArrayList<>(dialing.values());
        all.addAll(accepted.values());
        for (WebRtcConnection c : all) {
            c.closeNow();
        }
        if (s != null) {
            s.close();
            s.releaseMux(true);
        }
    }

    // ------------------------------------------------------------------ signaling in

    private void onSignal(String from, String payload) {
        if (closed || from == null || payload == null) {
            return;
        }
        if (payload.length() > config.maxSignalPayloadChars()) {
            droppedSignals.incrementAndGet();
            LOG.debug("dropping a signal of {} chars from {}", payload.length(), from);
            return;
        }
        Signal s;
        try {
            s = Signal.decode(payload);
        } catch (SignalFormatException e) {
            droppedSignals.incrementAndGet();
            LOG.debug("dropping a malformed signal from {}: {}", from, e.getMessage());
            return;
        }
        Key key = new Key(from, s.connectionId());
        switch (s.type()) {
            case OFFER -> {
                Server srv = server;
                WebRtcConnection existing = accepted.get(key);
                if (existing != null) {
                    existing.onRestartOffer(s.value()); // a later offer on a known connection: ICE restart
                } else if (srv == null || srv.closed) {
                    sendSignal(from, Signal.bye(s.connectionId(), "not listening"));
                } else {
                    srv.onOffer(from, key, s);
                }
            }
            case ANSWER -> {
                WebRtcConnection c = dialing.get(key);
                if (c == null) {
                    droppedSignals.incrementAndGet();
                } else {
                    c.onAnswer(s.value());
                }
            }
            case CANDIDATE, BYE -> {
                WebRtcConnection c = dialing.get(key);
                if (c == null) {
                    c = accepted.get(key);
                }
                if (c == null) {
                    droppedSignals.incrementAndGet();
                } else if (s.type() == Signal.Type.CANDIDATE) {
                    c.onRemoteCandidate(s.value(), s.mid());
                } else {
                    c.onBye(s.value());
                }
            }
        }
    }

    private CompletableFuture<Void> sendSignal(String to, Signal s) {
        CompletableFuture<Void> sent;
        try {
            sent = signaling.send(to, s.encode());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("signal {} to {} not delivered: {}", s.type(), to, e.toString());
            }
        });
    }

    private String newConnectionId() {
        long v;
        synchronized (config.random()) {
            v = config.random().nextLong();
        }
        return String.format("%016x", v);
    }

    // ------------------------------------------------------------------ owners

    private final class ClientOwner implements WebRtcConnection.Owner {
        @Override
        public CompletableFuture<Void> signal(String toPeerId, Signal signal) {
            return sendSignal(toPeerId, signal);
        }

        @Override
        public TransportHandler accept(WebRtcConnection connection) {
            throw new IllegalStateException("a dialed connection is never accepted");
        }

        @Override
        public void terminated(WebRtcConnection connection) {
            dialing.remove(new Key(connection.remotePeerId(), connection.connectionId()), connection);
        }
    }

    /** One listen(): the acceptor, the single-port mux, the connections it accepted. */
    private final class Server implements WebRtcTransportServer, WebRtcConnection.Owner {
        private final String address;
        private final TransportAcceptor acceptor;
        private final IceUdpMux mux;
        private final boolean ownsMux;
        private final Set<WebRtcConnection> connections = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;
        private boolean muxReleased;

        Server(String address, TransportAcceptor acceptor, IceUdpMux mux, boolean ownsMux) {
            this.address = address;
            this.acceptor = acceptor;
            this.mux = mux;
            this.ownsMux = ownsMux;
        }

        void onOffer(String from, Key key, Signal offer) {
            String refusal = null;
            synchronized (this) {
                if (closed) {
                    refusal = "not listening";
                } else if (accepted.containsKey(key)) {
                    droppedSignals.incrementAndGet(); // a repeated offer: the first one is being answered
                    return;
                } else if (connections.size() >= config.maxConnections()) {
                    refusal = "server full";
                } else {
                    int pending = 0;
                    int fromPeer = 0;
                    for (WebRtcConnection c : connections) {
                        if (c.isHandshaking()) {
                            pending++;
                            if (c.remotePeerId().equals(from)) {
                                fromPeer++;
                            }
                        }
                    }
                    if (pending >= config.maxPendingHandshakes()) {
                        refusal = "too many handshakes in progress";
                    } else if (fromPeer >= config.maxPendingHandshakesPerPeer()) {
                        refusal = "too many handshakes from you";
                    }
                }
                if (refusal == null) {
                    PeerConnection pc;
                    try {
                        pc = PeerConnection.create(PeerConnectionConfigs.derive(config.peerConnection(), mux,
                                config.serverIceLite()), null);
                    } catch (RuntimeException e) {
                        refusal = "server full";
                        pc = null;
                    }
                    if (pc != null) {
                        WebRtcConnection c = new WebRtcConnection(config, this, pc, from, offer.connectionId(), false, null);
                        connections.add(c);
                        accepted.put(key, c);
                        // Applied in signal order: candidates that follow reach the loop after the offer.
                        c.startAnswer(offer.value());
                        return;
                    }
                }
            }
            LOG.debug("refusing an offer from {}: {}", from, refusal);
            sendSignal(from, Signal.bye(offer.connectionId(), refusal));
        }

        @Override
        public CompletableFuture<Void> signal(String toPeerId, Signal signal) {
            return sendSignal(toPeerId, signal);
        }

        @Override
        public TransportHandler accept(WebRtcConnection connection) {
            if (closed) {
                return null;
            }
            return acceptor.accept(connection);
        }

        @Override
        public void terminated(WebRtcConnection connection) {
            accepted.remove(new Key(connection.remotePeerId(), connection.connectionId()), connection);
            connections.remove(connection);
            if (closed && connections.isEmpty()) {
                releaseMux(false);
            }
        }

        /** Closes an owned mux once nothing uses it (or at once on transport close), off the event loop. */
        void releaseMux(boolean now) {
            IceUdpMux m;
            synchronized (this) {
                if (!ownsMux || muxReleased || (!now && !connections.isEmpty())) {
                    return;
                }
                muxReleased = true;
                m = mux;
            }
            // IceUdpMux.close() waits for its socket to close: never on an event loop.
            CompletableFuture.runAsync(m::close).exceptionally(e -> {
                LOG.debug("closing the mux failed: {}", e.toString());
                return null;
            });
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public InetSocketAddress udpAddress() {
            return mux == null ? null : mux.localAddress();
        }

        @Override
        public int connectionCount() {
            return connections.size();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            releaseMux(false);
        }

        @Override
        public String toString() {
            return "WebRtcTransportServer[" + address + (mux == null ? "" : ", udp " + mux.localAddress()) + "]";
        }
    }
}
