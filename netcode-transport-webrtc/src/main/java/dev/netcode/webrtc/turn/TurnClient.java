package dev.netcode.webrtc.turn;

import dev.netcode.webrtc.stun.StunAttributeType;
import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunErrorCode;
import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunMessageWriter;
import dev.netcode.webrtc.stun.StunMethod;
import dev.netcode.webrtc.stun.StunTransactionId;
import dev.netcode.webrtc.turn.internal.ChannelData;
import dev.netcode.webrtc.turn.internal.TurnAttributes;
import dev.netcode.webrtc.turn.internal.TurnInbound;
import dev.netcode.webrtc.turn.internal.TurnStreamDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TURN client (RFC 8656): one allocation on one server, reached over UDP or TCP, relaying UDP
 * datagrams to and from peers.
 *
 * <pre>{@code
 * TurnServer server = TurnServer.parse("turn:turn.example.com:3478?transport=udp",
 *         TurnCredentials.of(lobbyUsername, lobbyPassword));
 * TurnClient turn = TurnClient.create(server, TurnClientConfig.defaults(), group.next());
 * turn.setListener((peer, data) -> ...);                  // on the loop; data released after the call
 * InetSocketAddress relayed = turn.allocate().get();      // tell the peer this address (a relay candidate)
 * turn.bindChannel(peerAddress).get();                    // permission + channel, kept refreshed
 * turn.send(peerAddress, Unpooled.wrappedBuffer(bytes));  // ChannelData from now on
 * turn.close();                                           // Refresh LIFETIME=0 frees the relay
 * }</pre>
 *
 * <h2>What it does for you</h2>
 * <ul>
 *   <li>Long-term credentials (RFC 8489 §9.2): the first request goes out without them, the 401
 *       supplies realm and nonce, the request is repeated with MESSAGE-INTEGRITY; a 438 (stale
 *       nonce) is answered with the new nonce. A second 401 is a {@link TurnAuthenticationException}.</li>
 *   <li>Refresh: the allocation is refreshed 60 s before the server's LIFETIME runs out (at half of
 *       it for lifetimes up to 2 minutes); permissions every 4 minutes, channels every 8.</li>
 *   <li>Retransmission over UDP per RFC 8489 §6.2.1 (RTO 500 ms doubling, 7 requests, then 16 × RTO);
 *       no answer is a {@link TurnUnreachableException}. Over TCP one request, timeout 39.5 s.</li>
 *   <li>Success responses to authenticated requests are only accepted with a valid
 *       MESSAGE-INTEGRITY, so an off-path attacker cannot forge a relayed address.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A server only relays from peers with a permission: {@link #send} to a peer without
 *       permission or channel drops the datagram (the server would drop it anyway) and returns
 *       false. Call {@link #createPermission} or {@link #bindChannel} first (an ICE agent does this
 *       on its first check and relies on retransmissions).</li>
 *   <li>Data indications are decoded with the STUN codec and so limited to
 *       {@link StunMessage#MAX_MESSAGE_BYTES}; bind a channel for bigger datagrams.</li>
 *   <li>Everything runs on the event loop given at creation; futures complete there. Do not block
 *       on a future from that loop.</li>
 *   <li>REST-API credentials expire; every refresh re-authenticates, so the allocation dies with
 *       them. Ask for a TTL longer than the session.</li>
 * </ul>
 */
public final class TurnClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TurnClient.class);
    /** Bound on 401/438 round trips for one request: a server that keeps changing its nonce is broken. */
    private static final int MAX_AUTH_ATTEMPTS = 4;
    private static final int MAX_CHANNELS = ChannelData.MAX_CHANNEL - ChannelData.MIN_CHANNEL + 1;
    /** Bound on peers we keep permissions for; ICE needs a handful. */
    private static final int MAX_PERMISSIONS = 256;

    private final TurnServer server;
    private final TurnClientConfig config;
    private final EventLoop loop;
    private final StunMessageWriter writer = new StunMessageWriter();
    private final byte[] usernameBytes;

    // ---- state owned by the event loop ----
    private final Map<StunTransactionId, Transaction> transactions = new HashMap<>();
    private final Map<InetAddress, Permission> permissions = new HashMap<>();
    private final Map<InetSocketAddress, Binding> channelsByPeer = new HashMap<>();
    private final Map<Integer, Binding> channelsByNumber = new HashMap<>();
    private Channel channel;
    private CompletableFuture<Channel> connected;
    private CompletableFuture<InetSocketAddress> allocation;
    private String realm;
    private String nonce;
    private byte[] key;
    private ScheduledFuture<?> refreshTimer;
    private int nextChannel = ChannelData.MIN_CHANNEL;
    private boolean closed;
    private TurnClientListener listener = (peer, data) -> { };

    private volatile InetSocketAddress relayedAddress;
    private volatile InetSocketAddress mappedAddress;
    private volatile long lifetimeSeconds;
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong droppedDatagrams = new AtomicLong();

    private TurnClient(TurnServer server, TurnClientConfig config, EventLoop loop) {
        this.server = Objects.requireNonNull(server, "server");
        this.config = Objects.requireNonNull(config, "config");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.usernameBytes = server.credentials().username().getBytes(StandardCharsets.UTF_8);
    }

    /** A client for {@code server} whose sockets and timers live on {@code loop} (NIO channels). */
    public static TurnClient create(TurnServer server, TurnClientConfig config, EventLoop loop) {
        return new TurnClient(server, config, loop);
    }

    public TurnServer server() {
        return server;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** The relayed transport address once allocated, else null. */
    public InetSocketAddress relayedAddress() {
        return relayedAddress;
    }

    /** Our address as the server saw it (XOR-MAPPED-ADDRESS of the Allocate response), or null. */
    public InetSocketAddress mappedAddress() {
        return mappedAddress;
    }

    /** LIFETIME granted by the last Allocate or Refresh, in seconds. */
    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** Successful Refresh transactions so far. */
    public long refreshCount() {
        return refreshes.get();
    }

    /** Datagrams {@link #send} dropped (no permission, too large, closed). */
    public long droppedDatagrams() {
        return droppedDatagrams.get();
    }

    /** Replaces the listener; set it before {@link #allocate()}. */
    public void setListener(TurnClientListener newListener) {
        Objects.requireNonNull(newListener, "listener");
        onLoop(() -> listener = newListener);
    }

    // ------------------------------------------------------------------ public operations

    /**
     * Connects (TCP) and allocates a relayed address (RFC 8656 §7). Idempotent: later calls return
     * the same future.
     */
    public CompletableFuture<InetSocketAddress> allocate() {
        CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
        onLoop(() -> {
            if (allocation == null) {
                allocation = new CompletableFuture<>();
                startAllocate();
            }
            allocation.whenComplete((a, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(a);
                }
            });
        });
        return result;
    }

    /** Installs (and keeps refreshing) a permission for {@code peer} (RFC 8656 §9). */
    public CompletableFuture<Void> createPermission(InetAddress peer) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        onLoop(() -> permission(peer).whenComplete((v, e) -> complete(result, null, e)));
        return result;
    }

    /**
     * Binds a channel to {@code peer} (RFC 8656 §12), which also installs a permission; both are kept
     * refreshed. Completes with the channel number.
     */
    public CompletableFuture<Integer> bindChannel(InetSocketAddress peer) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        onLoop(() -> binding(peer).whenComplete((n, e) -> complete(result, n, e)));
        return result;
    }

    /**
     * Relays {@code data} (ownership passes) to {@code peer}: ChannelData when a channel is bound,
     * else a Send indication when a permission exists, else dropped. Any thread.
     *
     * @return false when dropped (known only when called on the loop)
     */
    public boolean send(InetSocketAddress peer, ByteBuf data) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> sendOnLoop(peer, data));
            return true;
        }
        return sendOnLoop(peer, data);
    }

    /** Whether {@link #send} to {@code peer} would go out now. Loop only. */
    public boolean canSendTo(InetSocketAddress peer) {
        Binding b = channelsByPeer.get(peer);
        if (b != null && b.bound) {
            return true;
        }
        Permission p = permissions.get(peer.getAddress());
        return p != null && p.installed;
    }

    /** Frees the allocation (Refresh with LIFETIME 0, best effort) and closes the connection. */
    @Override
    public void close() {
        onLoop(this::closeOnLoop);
    }

    // ------------------------------------------------------------------ loop internals

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private static <T> void complete(CompletableFuture<T> target, T value, Throwable error) {
        if (error != null) {
            target.completeExceptionally(unwrap(error));
        } else {
            target.complete(value);
        }
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private CompletableFuture<Channel> connect() {
        if (connected != null) {
            return connected;
        }
        connected = new CompletableFuture<>();
        ChannelFuture f;
        if (server.transport() == TurnTransport.UDP) {
            f = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 1 << 20)
                    .handler(new UdpHandler())
                    .bind(new InetSocketAddress(0));
        } else {
            f = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMs())
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new TurnStreamDecoder(), new TcpHandler());
                        }
                    })
                    .connect(server.address());
        }
        f.addListener((ChannelFutureListener) done -> {
            if (done.isSuccess()) {
                channel = done.channel();
                if (closed) {
                    channel.close();
                    connected.completeExceptionally(new TurnException("TURN client closed"));
                } else {
                    connected.complete(channel);
                }
            } else {
                connected.completeExceptionally(new TurnUnreachableException("cannot reach TURN server " + server.uri(), done.cause()));
            }
        });
        return connected;
    }

    private void startAllocate() {
        connect().whenComplete((ch, e) -> {
            if (e != null) {
                allocation.completeExceptionally(unwrap(e));
                return;
            }
            request(StunMethod.ALLOCATE, (w, tid) -> {
                w.attribute(TurnAttributes.REQUESTED_TRANSPORT, TurnAttributes.requestedTransportUdp());
                if (config.requestedLifetimeSeconds() > 0) {
                    w.attribute(TurnAttributes.LIFETIME, TurnAttributes.lifetime(config.requestedLifetimeSeconds()));
                }
            }).whenComplete((response, error) -> {
                if (error != null) {
                    allocation.completeExceptionally(unwrap(error));
                    return;
                }
                try {
                    byte[] relayed = response.attribute(TurnAttributes.XOR_RELAYED_ADDRESS);
                    if (relayed == null) {
                        throw new TurnParseException("Allocate success without XOR-RELAYED-ADDRESS");
                    }
                    relayedAddress = TurnAttributes.decodeXorAddress(relayed, response.transactionId());
                    mappedAddress = response.xorMappedAddress();
                    onLifetime(response);
                    LOG.debug("TURN allocation {} via {} lifetime {} s", relayedAddress, server.uri(), lifetimeSeconds);
                    allocation.complete(relayedAddress);
                } catch (TurnParseException ex) {
                    allocation.completeExceptionally(new TurnException("malformed Allocate response: " + ex.getMessage()));
                }
            });
        });
    }

    private void onLifetime(StunMessage response) throws TurnParseException {
        byte[] value = response.attribute(TurnAttributes.LIFETIME);
        // RFC 8656 §7.3 requires LIFETIME; a server omitting it gets the default of 10 minutes.
        long seconds = value == null ? 600 : TurnAttributes.decodeLifetime(value);
        lifetimeSeconds = seconds;
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
        }
        if (seconds == 0 || closed) {
            return;
        }
        long refreshInSeconds = seconds > 120 ? seconds - 60 : Math.max(1, seconds / 2);
        refreshTimer = loop.schedule(this::refresh, refreshInSeconds, TimeUnit.SECONDS);
    }

    private void refresh() {
        if (closed) {
            return;
        }
        request(StunMethod.REFRESH, (w, tid) -> {
            if (config.requestedLifetimeSeconds() > 0) {
                w.attribute(TurnAttributes.LIFETIME, TurnAttributes.lifetime(config.requestedLifetimeSeconds()));
            }
        }).whenComplete((response, error) -> {
            if (error != null) {
                lost(unwrap(error), "refresh failed");
                return;
            }
            try {
                refreshes.incrementAndGet();
                onLifetime(response);
            } catch (TurnParseException ex) {
                lost(ex, "malformed Refresh response");
            }
        });
    }

    private void lost(Throwable cause, String what) {
        if (closed) {
            return;
        }
        TurnException e = cause instanceof TurnException t ? t : new TurnException(what + ": " + cause.getMessage(), cause);
        LOG.debug("TURN allocation {} lost: {}", relayedAddress, e.getMessage());
        relayedAddress = null;
        listener.onAllocationLost(e);
    }

    private CompletableFuture<Void> permission(InetAddress peer) {
        Permission p = permissions.get(peer);
        if (p != null) {
            return p.ready;
        }
        if (permissions.size() >= MAX_PERMISSIONS) {
            return CompletableFuture.failedFuture(new TurnException("more than " + MAX_PERMISSIONS + " permissions"));
        }
        Permission created = new Permission(peer);
        permissions.put(peer, created);
        sendCreatePermission(created);
        return created.ready;
    }

    private void sendCreatePermission(Permission p) {
        InetSocketAddress peerAddress = new InetSocketAddress(p.peer, 0);
        request(StunMethod.CREATE_PERMISSION, (w, tid) ->
                w.attribute(TurnAttributes.XOR_PEER_ADDRESS, TurnAttributes.xorAddress(peerAddress, tid)))
                .whenComplete((response, error) -> {
                    if (closed) {
                        return;
                    }
                    if (error != null) {
                        if (!p.installed) {
                            permissions.remove(p.peer);
                        }
                        p.ready.completeExceptionally(unwrap(error));
                        return;
                    }
                    p.installed = true;
                    p.ready.complete(null);
                    p.refresh = loop.schedule(() -> sendCreatePermission(p), config.permissionRefreshMs(), TimeUnit.MILLISECONDS);
                });
    }

    private CompletableFuture<Integer> binding(InetSocketAddress peer) {
        Binding b = channelsByPeer.get(peer);
        if (b != null) {
            return b.ready;
        }
        if (channelsByPeer.size() >= MAX_CHANNELS || nextChannel > ChannelData.MAX_CHANNEL) {
            return CompletableFuture.failedFuture(new TurnException("all " + MAX_CHANNELS + " channel numbers in use"));
        }
        Binding created = new Binding(peer, nextChannel++);
        channelsByPeer.put(peer, created);
        channelsByNumber.put(created.number, created);
        // ChannelBind installs the permission too, but it lives 300 s against the channel's 600 s:
        // keep an explicit permission refreshed alongside.
        permission(peer.getAddress());
        sendChannelBind(created);
        return created.ready;
    }

    private void sendChannelBind(Binding b) {
        request(StunMethod.CHANNEL_BIND, (w, tid) -> {
            w.attribute(TurnAttributes.CHANNEL_NUMBER, TurnAttributes.channelNumber(b.number));
            w.attribute(TurnAttributes.XOR_PEER_ADDRESS, TurnAttributes.xorAddress(b.peer, tid));
        }).whenComplete((response, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                // Without a binding data still flows through Send indications while the permission holds.
                b.ready.completeExceptionally(unwrap(error));
                if (!b.bound) {
                    channelsByPeer.remove(b.peer);
                    channelsByNumber.remove(b.number);
                }
                return;
            }
            b.bound = true;
            b.ready.complete(b.number);
            b.refresh = loop.schedule(() -> sendChannelBind(b), config.channelRefreshMs(), TimeUnit.MILLISECONDS);
        });
    }

    private boolean sendOnLoop(InetSocketAddress peer, ByteBuf data) {
        try {
            if (closed || channel == null || relayedAddress == null) {
                droppedDatagrams.incrementAndGet();
                return false;
            }
            int length = data.readableBytes();
            Binding b = channelsByPeer.get(peer);
            if (b != null && b.bound && length <= 0xFFFF) {
                boolean tcp = server.transport() == TurnTransport.TCP;
                ByteBuf out = channel.alloc().buffer(ChannelData.HEADER_BYTES + length + 3);
                ChannelData.writeHeader(out, b.number, length);
                out.writeBytes(data);
                if (tcp) {
                    ChannelData.writePadding(out, length);
                }
                write(out);
                return true;
            }
            Permission p = permissions.get(peer.getAddress());
            // Send indication overhead: header 20, XOR-PEER-ADDRESS up to 24, DATA header 4 + padding, FINGERPRINT 8.
            if (p != null && p.installed && length <= StunMessage.MAX_MESSAGE_BYTES - 60) {
                StunTransactionId tid = StunTransactionId.random();
                ByteBuf out = channel.alloc().buffer(64 + length);
                byte[] payload = new byte[length];
                data.getBytes(data.readerIndex(), payload);
                writer.begin(out, StunClass.INDICATION, StunMethod.SEND, tid)
                        .attribute(TurnAttributes.XOR_PEER_ADDRESS, TurnAttributes.xorAddress(peer, tid))
                        .attribute(TurnAttributes.DATA, payload)
                        .fingerprint()
                        .finish();
                write(out);
                return true;
            }
            droppedDatagrams.incrementAndGet();
            return false;
        } finally {
            data.release();
        }
    }

    private void write(ByteBuf out) {
        if (server.transport() == TurnTransport.UDP) {
            channel.writeAndFlush(new DatagramPacket(out, server.address()), channel.voidPromise());
        } else {
            channel.writeAndFlush(out, channel.voidPromise());
        }
    }

    private void closeOnLoop() {
        if (closed) {
            return;
        }
        if (channel != null && channel.isActive() && relayedAddress != null && key != null) {
            // Best effort (RFC 8656 §7: LIFETIME 0 deletes the allocation); no retransmission, no wait.
            ByteBuf out = buildRequest(StunMethod.REFRESH, StunTransactionId.random(),
                    (w, tid) -> w.attribute(TurnAttributes.LIFETIME, TurnAttributes.lifetime(0)));
            ChannelFuture written = server.transport() == TurnTransport.UDP
                    ? channel.writeAndFlush(new DatagramPacket(out, server.address()))
                    : channel.writeAndFlush(out);
            Channel ch = channel;
            written.addListener(f -> ch.close());
        } else if (channel != null) {
            channel.close();
        }
        closed = true;
        relayedAddress = null;
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
        }
        for (Permission p : permissions.values()) {
            p.cancel();
        }
        for (Binding b : channelsByPeer.values()) {
            b.cancel();
        }
        TurnException closedError = new TurnException("TURN client closed");
        for (Transaction tx : transactions.values()) {
            tx.cancelTimer();
            tx.bytes.release();
            tx.result.completeExceptionally(closedError);
        }
        transactions.clear();
        if (allocation != null) {
            allocation.completeExceptionally(closedError);
        }
        if (connected != null) {
            connected.completeExceptionally(closedError);
        }
    }

    // ------------------------------------------------------------------ transactions

    /** Writes the method-specific attributes of a request; {@code tid} is needed for XOR addresses. */
    private interface RequestBody {
        void write(StunMessageWriter w, StunTransactionId tid);
    }

    /** Sends an authenticated request, handling 401 and 438; completes with a success response. */
    private CompletableFuture<StunMessage> request(int method, RequestBody body) {
        CompletableFuture<StunMessage> result = new CompletableFuture<>();
        attempt(method, body, result, 0);
        return result;
    }

    private void attempt(int method, RequestBody body, CompletableFuture<StunMessage> result, int attempt) {
        if (closed) {
            result.completeExceptionally(new TurnException("TURN client closed"));
            return;
        }
        boolean authenticated = key != null;
        StunTransactionId tid = StunTransactionId.random();
        ByteBuf bytes = buildRequest(method, tid, body);
        Transaction tx = new Transaction(tid, bytes, authenticated);
        transactions.put(tid, tx);
        transmit(tx);
        tx.result.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            if (response.messageClass() == StunClass.SUCCESS_RESPONSE) {
                result.complete(response);
                return;
            }
            StunErrorCode ec = response.errorCode();
            int code = ec == null ? 0 : ec.code();
            String reason = ec == null ? "no ERROR-CODE" : ec.code() + " " + ec.reason();
            try {
                if ((code == 401 && !authenticated) || code == 438) {
                    if (attempt + 1 >= MAX_AUTH_ATTEMPTS) {
                        result.completeExceptionally(new TurnAuthenticationException(
                                "TURN server " + server.uri() + " keeps challenging (" + reason + ")"));
                        return;
                    }
                    takeChallenge(response);
                    attempt(method, body, result, attempt + 1);
                } else if (code == 401) {
                    result.completeExceptionally(new TurnAuthenticationException("TURN server " + server.uri()
                            + " rejected the credentials of user '" + server.credentials().username() + "' (" + reason + ")"));
                } else if (code == 486) {
                    result.completeExceptionally(new TurnAllocationQuotaException("TURN server " + server.uri()
                            + ": allocation quota reached for user '" + server.credentials().username() + "' (" + reason + ")"));
                } else {
                    result.completeExceptionally(new TurnErrorResponseException(code, "TURN server " + server.uri()
                            + " answered " + methodName(method) + " with " + reason));
                }
            } catch (TurnParseException e) {
                result.completeExceptionally(new TurnException("malformed challenge from " + server.uri() + ": " + e.getMessage()));
            }
        });
    }

    private void takeChallenge(StunMessage response) throws TurnParseException {
        byte[] nonceValue = response.attribute(StunAttributeType.NONCE);
        byte[] realmValue = response.attribute(StunAttributeType.REALM);
        if (nonceValue == null || (realmValue == null && realm == null)) {
            throw new TurnParseException("401/438 without REALM and NONCE");
        }
        nonce = TurnAttributes.decodeText(nonceValue, "NONCE");
        if (realmValue != null) {
            String newRealm = TurnAttributes.decodeText(realmValue, "REALM");
            if (!newRealm.equals(realm)) {
                realm = newRealm;
                key = server.credentials().longTermKey(realm);
            }
        }
    }

    private static String methodName(int method) {
        return switch (method) {
            case StunMethod.ALLOCATE -> "Allocate";
            case StunMethod.REFRESH -> "Refresh";
            case StunMethod.CREATE_PERMISSION -> "CreatePermission";
            case StunMethod.CHANNEL_BIND -> "ChannelBind";
            default -> "method 0x" + Integer.toHexString(method);
        };
    }

    private ByteBuf buildRequest(int method, StunTransactionId tid, RequestBody body) {
        ByteBuf out = Unpooled.buffer(256);
        writer.begin(out, StunClass.REQUEST, method, tid);
        body.write(writer, tid);
        if (key != null) {
            writer.attribute(StunAttributeType.USERNAME, usernameBytes)
                    .attribute(StunAttributeType.REALM, realm.getBytes(StandardCharsets.UTF_8))
                    .attribute(StunAttributeType.NONCE, nonce.getBytes(StandardCharsets.UTF_8))
                    .messageIntegrity(key);
        }
        writer.fingerprint().finish();
        return out;
    }

    private void transmit(Transaction tx) {
        if (closed || channel == null || !channel.isActive()) {
            finishTransaction(tx, null, new TurnUnreachableException("connection to TURN server " + server.uri() + " is closed"));
            return;
        }
        tx.sent++;
        write(tx.bytes.retainedDuplicate());
        long waitMs;
        if (server.transport() == TurnTransport.TCP) {
            waitMs = config.tcpTimeoutMs();
        } else if (tx.sent < config.maxRequests()) {
            waitMs = (long) config.rtoMs() << (tx.sent - 1);
        } else {
            waitMs = (long) config.rtoMs() * config.lastWaitFactor();
        }
        tx.timer = loop.schedule(() -> onTimeout(tx), waitMs, TimeUnit.MILLISECONDS);
    }

    private void onTimeout(Transaction tx) {
        if (transactions.get(tx.id) != tx) {
            return;
        }
        if (server.transport() == TurnTransport.UDP && tx.sent < config.maxRequests()) {
            transmit(tx);
            return;
        }
        finishTransaction(tx, null, new TurnUnreachableException("no answer from TURN server " + server.uri() + " after "
                + tx.sent + " request(s)"));
    }

    private void finishTransaction(Transaction tx, StunMessage response, Throwable error) {
        transactions.remove(tx.id);
        tx.cancelTimer();
        tx.bytes.release();
        if (error != null) {
            tx.result.completeExceptionally(error);
        } else {
            tx.result.complete(response);
        }
    }

    // ------------------------------------------------------------------ receive path

    /** One datagram (UDP) or one frame (TCP) from the server. Never throws. */
    private void onFrame(ByteBuf frame) {
        if (closed || !frame.isReadable()) {
            return;
        }
        try {
            TurnInbound in = TurnInbound.decode(frame);
            switch (in.kind()) {
                case CHANNEL_DATA -> {
                    Binding b = channelsByNumber.get(in.channel());
                    if (b != null) {
                        deliver(b.peer, in.channelData());
                    }
                }
                case DATA_INDICATION -> deliver(in.peer(), Unpooled.wrappedBuffer(in.data()));
                case RESPONSE -> onResponse(in.response());
                case IGNORED -> { }
            }
        } catch (TurnParseException e) {
            LOG.debug("dropping malformed datagram from TURN server {}: {}", server.uri(), e.getMessage());
        }
    }

    private void deliver(InetSocketAddress peer, ByteBuf data) {
        try {
            listener.onData(peer, data);
        } catch (RuntimeException e) {
            LOG.warn("TURN data listener failed", e);
        }
    }

    private void onResponse(StunMessage response) {
        Transaction tx = transactions.get(response.transactionId());
        if (tx == null) {
            return;
        }
        if (response.messageClass() == StunClass.SUCCESS_RESPONSE && tx.authenticated
                && !response.verifyMessageIntegrity(key)) {
            // RFC 8489 §9.2.5: discard, as if never received; a real answer may still come.
            LOG.debug("TURN success response without valid MESSAGE-INTEGRITY dropped");
            return;
        }
        finishTransaction(tx, response, null);
    }

    private void onConnectionLost() {
        if (closed) {
            return;
        }
        TurnUnreachableException e = new TurnUnreachableException("TCP connection to TURN server " + server.uri() + " closed");
        for (Transaction tx : transactions.values().toArray(new Transaction[0])) {
            finishTransaction(tx, null, e);
        }
        if (relayedAddress != null) {
            lost(e, "connection lost");
        }
    }

    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            // Only the server talks to this socket; anything else is noise or an attack.
            if (server.address().equals(packet.sender())) {
                onFrame(packet.content());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("TURN UDP socket error", cause);
        }
    }

    private final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            onFrame(frame);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onConnectionLost();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("TURN TCP connection error, closing", cause);
            ctx.close();
        }
    }

    // ------------------------------------------------------------------ state records

    private static final class Transaction {
        final StunTransactionId id;
        final ByteBuf bytes;
        final boolean authenticated;
        final CompletableFuture<StunMessage> result = new CompletableFuture<>();
        int sent;
        ScheduledFuture<?> timer;

        Transaction(StunTransactionId id, ByteBuf bytes, boolean authenticated) {
            this.id = id;
            this.bytes = bytes;
            this.authenticated = authenticated;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private static final class Permission {
        final InetAddress peer;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        boolean installed;
        ScheduledFuture<?> refresh;

        Permission(InetAddress peer) {
            this.peer = peer;
        }

        void cancel() {
            if (refresh != null) {
                refresh.cancel(false);
            }
        }
    }

    private static final class Binding {
        final InetSocketAddress peer;
        final int number;
        final CompletableFuture<Integer> ready = new CompletableFuture<>();
        boolean bound;
        ScheduledFuture<?> refresh;

        Binding(InetSocketAddress peer, int number) {
            this.peer = peer;
            this.number = number;
        }

        void cancel() {
            if (refresh != null) {
                refresh.cancel(false);
            }
        }
    }
}
