package dev.netcode.webrtc.ice;

import dev.netcode.webrtc.ice.internal.IceSocket;
import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunParseException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP port shared by many ICE-lite agents: the way a dedicated game host serves every client on
 * a single, firewall-friendly port.
 *
 * <p>Routing, all on the mux's event loop:
 * <ol>
 *   <li>A STUN Binding request carries {@code USERNAME = localUfrag:remoteUfrag} (RFC 8445 §7.2.2);
 *       the local ufrag picks the agent, which authenticates the request with its password.</li>
 *   <li>Once a request from an address authenticated, that address maps to the agent, so later
 *       non-STUN datagrams (DTLS, RFC 7983) and STUN responses from it reach the same agent.</li>
 *   <li>Anything else is dropped and counted ({@link #droppedDatagrams()},
 *       {@link #malformedStunMessages()}).</li>
 * </ol>
 *
 * <pre>{@code
 * IceUdpMux mux = IceUdpMux.bind(group, new InetSocketAddress("0.0.0.0", 3478), 1000);
 * IceAgent agent = mux.newAgent(IceConfig.builder().build());   // lite, controlled
 * agent.gather().join();      // host candidates: the mux's address(es) and port, for the answer SDP
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The mux's loop reads and writes the socket and routes; each agent (and everything built on
 *       it) runs on a loop of the group picked round-robin, so protocol work spreads over every
 *       loop. Datagrams cross to the agent's loop as a retained buffer; keep receivers
 *       non-blocking.</li>
 *   <li>Maps are bounded: at most {@code maxAgents} agents and {@code 4 * maxAgents} learned remote
 *       addresses; beyond that, new addresses are not learned (their checks still get answered).</li>
 *   <li>{@link #bind} blocks until the port is bound: never call it on an event loop.</li>
 *   <li>Only lite agents are supported: a full agent's checks would leave through the shared port
 *       before any address is learned.</li>
 * </ul>
 */
public final class IceUdpMux implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceUdpMux.class);

    private final Channel channel;
    private final EventLoop loop;
    private final EventLoopGroup group;
    private final java.util.concurrent.atomic.AtomicBoolean flushPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final Runnable flushTask = this::flushNow;
    private final int maxAgents;
    private final int maxAddresses;
    private final Map<String, AgentSocket> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, AgentSocket> byAddress = new HashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private IceUdpMux(Channel channel, EventLoopGroup group, int maxAgents) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.group = group;
        this.maxAgents = maxAgents;
        this.maxAddresses = maxAgents * 4;
    }

    /** Binds a NIO datagram channel on one loop of {@code group}. Blocks; not on an event loop. */
    public static IceUdpMux bind(EventLoopGroup group, InetSocketAddress address, int maxAgents) {
        return bind(group, address, maxAgents, NioDatagramChannel.class);
    }

    /** Like {@link #bind(EventLoopGroup, InetSocketAddress, int)} with a channel class matching {@code group}. */
    public static IceUdpMux bind(EventLoopGroup group, InetSocketAddress address, int maxAgents,
                                 Class<? extends DatagramChannel> channelClass) {
        return bind(group, channelClass, group, address, maxAgents, b -> { });
    }

    /**
     * The socket on {@code ioGroup} (one loop of it reads, routes and writes), the agents on the
     * loops of {@code agentGroup}, round-robin. {@code socketOptions} may set further channel
     * options, e.g. Netty epoll's {@code MAX_DATAGRAM_PAYLOAD_SIZE} so that one {@code recvmmsg}
     * reads many datagrams (a flushed burst of writes then leaves in one {@code sendmmsg}).
     * Blocks; not on an event loop.
     */
    public static IceUdpMux bind(EventLoopGroup ioGroup, Class<? extends DatagramChannel> channelClass,
                                 EventLoopGroup agentGroup, InetSocketAddress address, int maxAgents,
                                 java.util.function.Consumer<Bootstrap> socketOptions) {
        if (maxAgents < 1) {
            throw new IllegalArgumentException("maxAgents must be positive: " + maxAgents);
        }
        RoutingHandler handler = new RoutingHandler();
        Bootstrap b = new Bootstrap().group(ioGroup).channel(channelClass)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(handler);
        socketOptions.accept(b);
        Channel ch = b.bind(address).syncUninterruptibly().channel();
        IceUdpMux mux = new IceUdpMux(ch, agentGroup, maxAgents);
        handler.mux = mux;
        return mux;
    }

    /** The bound address (port resolved when bound to 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * A new ICE-lite agent on this port. {@code config} is forced to lite; its credentials, if set,
     * must not collide with another agent's ufrag.
     *
     * @throws IllegalStateException when {@code maxAgents} agents exist or the ufrag is taken
     */
    public IceAgent newAgent(IceConfig config) {
        IceConfig lite = config.lite() ? config : config.toBuilder().lite(true).build();
        if (byUfrag.size() >= maxAgents) {
            throw new IllegalStateException("mux already serves " + maxAgents + " agents");
        }
        for (int attempt = 0; attempt < 8; attempt++) {
            IceConfig c = lite.credentials() != null ? lite : lite.toBuilder().credentials(IceCredentials.random(lite.random())).build();
            AgentSocket socket = new AgentSocket();
            // Agents (and the peer connections on them) spread over the group's loops: the mux loop
            // only moves datagrams, so DTLS and SCTP of many clients use every core.
            EventLoop agentLoop = group.next();
            IceAgent agent = IceAgent.onSharedSocket(c, agentLoop, socket, () -> loop.execute(() -> unregister(socket)));
            socket.agent = agent;
            if (byUfrag.putIfAbsent(c.credentials().ufrag(), socket) == null) {
                return agent;
            }
            if (lite.credentials() != null) {
                throw new IllegalStateException("ufrag " + c.credentials().ufrag() + " is already in use on this mux");
            }
        }
        throw new IllegalStateException("could not find a free ufrag");
    }

    private void unregister(AgentSocket socket) {
        byUfrag.values().removeIf(a -> a == socket); // the current ufrag and any pending restart's
        byAddress.values().removeIf(a -> a == socket);
    }

    /** Agents currently registered. */
    public int agentCount() {
        return byUfrag.size();
    }

    /** Datagrams that matched no agent. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    /** Datagrams that looked like STUN but did not decode. */
    public long malformedStunMessages() {
        return malformed.get();
    }

    /** Closes the port and every agent on it. */
    @Override
    public void close() {
        for (AgentSocket socket : byUfrag.values()) {
            socket.agent.close();
        }
        channel.close().syncUninterruptibly();
    }

    private void route(InetSocketAddress sender, ByteBuf content) {
        if (StunMessage.looksLikeStun(content)) {
            StunMessage message;
            try {
                message = StunMessage.decode(content);
            } catch (StunParseException e) {
                malformed.incrementAndGet();
                return;
            }
            AgentSocket agent;
            if (message.messageClass() == StunClass.REQUEST) {
                String username = message.username();
                if (username == null) {
                    dropped.incrementAndGet();
                    return;
                }
                int colon = username.indexOf(':');
                agent = byUfrag.get(colon < 0 ? username : username.substring(0, colon));
            } else {
                agent = byAddress.get(sender);
            }
            if (agent == null) {
                dropped.incrementAndGet();
                return;
            }
            if (agent.agent.eventLoop() == loop) {
                agent.agent.onStunMessage(agent, sender, message);
            } else {
                handOver(agent, sender, content); // decoded again there: the message is a view of content
            }
            return;
        }
        AgentSocket agent = byAddress.get(sender);
        if (agent == null) {
            dropped.incrementAndGet();
            return;
        }
        if (agent.agent.eventLoop() == loop) {
            agent.agent.onApplicationDatagram(agent, sender, content);
        } else {
            handOver(agent, sender, content);
        }
    }

    /** Runs the agent's receive path on its own loop; the datagram is released after it returns. */
    private static void handOver(AgentSocket agent, InetSocketAddress sender, ByteBuf content) {
        content.retain();
        try {
            agent.agent.eventLoop().execute(() -> {
                try {
                    agent.agent.onDatagram(agent, sender, content);
                } finally {
                    content.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            content.release(); // the group is shutting down
        }
    }

    private void flushNow() {
        flushPending.set(false);
        channel.flush();
    }

    /** The per-agent view of the shared port: sending, and learning addresses for routing. */
    private final class AgentSocket implements IceSocket {
        private IceAgent agent;

        @Override
        public InetSocketAddress localAddress() {
            return IceUdpMux.this.localAddress();
        }

        @Override
        public void send(ByteBuf datagram, InetSocketAddress recipient) {
            if (loop.inEventLoop()) {
                channel.writeAndFlush(new DatagramPacket(datagram, recipient), channel.voidPromise());
                return;
            }
            // From an agent's loop: queue the write and one flush behind it, so a burst of sends
            // (a snapshot to every client) costs one wake-up and one flush on the mux loop.
            channel.write(new DatagramPacket(datagram, recipient), channel.voidPromise());
            if (flushPending.compareAndSet(false, true)) {
                loop.execute(flushTask);
            }
        }

        @Override
        public void remoteAuthenticated(InetSocketAddress remote) {
            if (loop.inEventLoop()) {
                learn(remote);
            } else {
                // Posted before the agent answers the check, so it is applied before the peer's
                // first DTLS datagram can arrive.
                loop.execute(() -> learn(remote));
            }
        }

        private void learn(InetSocketAddress remote) {
            AgentSocket previous = byAddress.get(remote);
            if (previous == this) {
                return;
            }
            if (previous == null && byAddress.size() >= maxAddresses) {
                LOG.debug("mux address map full ({}), not learning {}", maxAddresses, remote);
                return;
            }
            // The latest authenticated agent wins: a client that reconnects from the same address
            // with a new session must reach its new agent.
            byAddress.put(remote, this);
        }

        @Override
        public boolean claimUfrag(String ufrag) {
            AgentSocket owner = byUfrag.putIfAbsent(ufrag, this);
            return owner == null || owner == this;
        }

        @Override
        public void releaseUfrag(String ufrag) {
            byUfrag.remove(ufrag, this);
        }
    }

    private static final class RoutingHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private volatile IceUdpMux mux;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            IceUdpMux m = mux;
            if (m == null) {
                return;
            }
            try {
                m.route(packet.sender(), packet.content());
            } catch (RuntimeException e) {
                LOG.warn("ICE mux failed on a datagram from {}", packet.sender(), e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("ICE mux socket error", cause);
        }
    }
}
