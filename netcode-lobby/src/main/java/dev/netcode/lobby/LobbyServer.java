package dev.netcode.lobby;

import dev.netcode.lobby.internal.Connections;
import dev.netcode.lobby.internal.LobbyChannelInitializer;
import dev.netcode.lobby.internal.LobbyLogic;
import dev.netcode.lobby.internal.LoginLimiter;
import dev.netcode.lobby.token.SessionTokens;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lobby server: HTTP ({@code /login}, {@code /refresh}, {@code /health}) and a WebSocket
 * ({@code /ws?token=...}) for rooms, matchmaking, host registry, signaling and TURN credentials.
 * The wire protocol is in {@code netcode-lobby/PROTOCOL.md}.
 *
 * <pre>{@code
 * try (LobbyServer lobby = LobbyServer.start(LobbyConfig.builder().port(7350).build())) {
 *     System.out.println("lobby on " + lobby.httpUri());
 *     lobby.awaitClose();
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Netty event loops (one per core) do socket I/O, HTTP, WebSocket framing, rate limiting and JSON
 * decoding. All lobby state (sessions, rooms, queues, hosts, matches) lives on one "lobby-logic"
 * thread, which the event loops hand decoded messages to; it writes replies back through the
 * channels, which is safe from any thread. One thread is plenty for lobby traffic (it does no I/O
 * and no crypto except signing tokens) and makes every state change ordered without locks.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Serve it behind TLS (a reverse proxy or a load balancer that passes WebSockets): tokens
 *       travel in the URL and in JSON.</li>
 *   <li>With the default random token key, tokens do not survive a restart.</li>
 * </ul>
 */
public final class LobbyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LobbyServer.class);

    private final LobbyConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final LobbyLogic logic;
    private final Connections connections;
    private final Channel serverChannel;

    private LobbyServer(LobbyConfig config) throws InterruptedException {
        this.config = config;
        SessionTokens tokens = new SessionTokens(config.tokenKey, config.sessionTokenTtl, config.clock);
        this.connections = new Connections(config.store);
        this.logic = new LobbyLogic(config, tokens, connections);
        LoginLimiter loginLimiter = new LoginLimiter(config.loginsPerMinutePerIp, config.loginBurstPerIp, 100_000);
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.outboundQueueBytes / 2, config.outboundQueueBytes))
                .childHandler(new LobbyChannelInitializer(config, tokens, loginLimiter, logic, connections));
        if (config.socketSendBufferBytes > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes);
        }
        try {
            this.serverChannel = bootstrap.bind(new InetSocketAddress(config.bindAddress, config.port)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdownGroups();
            logic.close();
            throw e;
        }
        LOG.info("lobby listening on {}", serverChannel.localAddress());
    }

    /** Binds and starts the lobby; returns once it accepts connections. */
    public static LobbyServer start(LobbyConfig config) throws InterruptedException {
        return new LobbyServer(config);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://host:port} where host is 127.0.0.1 when bound to the wildcard address. */
    public URI httpUri() {
        String host = config.bindAddress.equals("0.0.0.0") || config.bindAddress.equals("::") ? "127.0.0.1" : config.bindAddress;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Connected WebSocket sessions on this node. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Operator action: closes {@code userId}'s WebSocket on this node with 1001 (going away). The
     * session stays, so a client that reconnects within the grace period resumes it.
     *
     * @return false if the user is not connected here
     */
    public boolean disconnect(String userId) {
        dev.netcode.lobby.internal.Connection c = connections.get(userId);
        if (c == null) {
            return false;
        }
        c.close(1001, "disconnected by operator");
        return true;
    }

    /** Ids of the dedicated hosts registered now (operators, tests); completes on the logic thread. */
    public java.util.concurrent.CompletableFuture<java.util.List<String>> registeredHostIds() {
        return logic.hostIds();
    }

    public LobbyConfig config() {
        return config;
    }

    /** Blocks until {@link #close()} is called from another thread. */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    /**
     * Stops accepting, tells every connected client "going away" (1001, so clients reconnect,
     * possibly to another node), and releases threads and the store.
     */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (dev.netcode.lobby.internal.Connection c : connections.all()) {
            c.close(1001, "lobby node shutting down");
        }
        shutdownGroups();
        logic.close();
        config.store.close();
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
