package dev.netcode.core.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.ConnectionStats;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetConfig;
import dev.netcode.core.RegistrationFingerprint;
import dev.netcode.core.transport.BackpressureException;
import dev.netcode.core.transport.MessageTooLargeException;
import dev.netcode.core.transport.TransportClosedException;
import dev.netcode.core.transport.TransportConnection;
import dev.netcode.core.transport.TransportException;
import dev.netcode.core.transport.TransportHandler;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's protocol state: handshake, keep-alive, sequencing, and the hand-over of events
 * to the endpoint. Inbound processing and state changes run under this object's monitor, which is
 * what keeps connected, messages and disconnected in order; sends do not take it.
 */
public final class ConnectionImpl implements Connection, TransportHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionImpl.class);

    enum State { CONNECTING, HANDSHAKE, AWAIT_REGISTRATIONS, CONNECTED, CLOSED }

    private final Endpoint endpoint;
    private final int id;
    private final StatsImpl stats = new StatsImpl();
    private final AtomicInteger outSequence = new AtomicInteger();
    /** Messages of this connection waiting in the endpoint's event queue (its share of the bound). */
    final AtomicInteger pendingMessages = new AtomicInteger();
    private final long createdNanos;
    private volatile TransportConnection transport;
    private volatile State state;
    private volatile boolean wasConnected;
    private volatile DisconnectReason reason;
    private volatile String detail;
    private volatile long lastReceivedNanos;
    private volatile Object attachment;
    private long lastPingNanos;
    private int pingSequence;
    private int lastInSequence;
    private boolean anyInSequence;
    private final int[] scratchSequence = new int[1];

    ConnectionImpl(Endpoint endpoint, int id, TransportConnection transport, State initial) {
        this.endpoint = endpoint;
        this.id = id;
        this.transport = transport;
        this.state = initial;
        this.createdNanos = endpoint.clock.nanoTime();
        this.lastReceivedNanos = createdNanos;
    }

    // ---------------------------------------------------------------- game-facing API

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean send(Object message, Channel channel) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(channel, "channel");
        TransportConnection tc = transport;
        if (state != State.CONNECTED || tc == null) {
            return false;
        }
        KryoCodec codec = endpoint.registry.codecForCurrentThread();
        Output out = codec.beginWrite();
        if (channel == Channel.UNRELIABLE_SEQUENCED) {
            out.writeByte(Wire.SEQUENCED);
            // Kryo's writeShort is little-endian; the wire format is big-endian like every other field.
            int sequence = outSequence.getAndIncrement();
            out.writeByte(sequence >>> 8);
            out.writeByte(sequence);
        } else {
            out.writeByte(Wire.MESSAGE);
        }
        try {
            codec.writeMessage(message);
        } catch (KryoBufferOverflowException e) {
            throw new MessageTooLargeException(Integer.MAX_VALUE, tc.maxMessageSizeBytes());
        } catch (KryoException e) {
            throw new IllegalArgumentException("cannot serialize " + message.getClass().getName()
                    + " (is it registered in the MessageRegistry?): " + e.getMessage(), e);
        }
        ByteBuffer bytes = codec.written();
        int size = bytes.remaining();
        if (size > tc.maxMessageSizeBytes()) {
            throw new MessageTooLargeException(size, tc.maxMessageSizeBytes());
        }
        try {
            tc.send(channel, bytes);
        } catch (BackpressureException e) {
            if (channel.isReliable()) {
                throw e;
            }
            stats.droppedOnSend.incrementAndGet();
            return false;
        } catch (TransportClosedException e) {
            return false;
        }
        stats.bytesOut.addAndGet(size);
        stats.messagesOut.incrementAndGet();
        return true;
    }

    @Override
    public long bufferedBytes() {
        TransportConnection tc = transport;
        return tc == null ? 0 : tc.bufferedBytes();
    }

    @Override
    public boolean isWritable() {
        TransportConnection tc = transport;
        return state == State.CONNECTED && tc != null && tc.isWritable();
    }

    @Override
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    @Override
    public boolean wasConnected() {
        return wasConnected;
    }

    @Override
    public void close() {
        disconnect(DisconnectReason.CLOSED, "closed by the application", true);
    }

    @Override
    public void kick(String why) {
        disconnect(DisconnectReason.KICKED, why == null ? "" : why, true);
    }

    @Override
    public DisconnectReason disconnectReason() {
        return reason;
    }

    @Override
    public String disconnectDetail() {
        return detail;
    }

    @Override
    public ConnectionStats stats() {
        return stats;
    }

    @Override
    public String remoteAddress() {
        TransportConnection tc = transport;
        return tc == null ? "(connecting)" : tc.remoteAddress();
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public String toString() {
        return "Connection#" + id + "(" + remoteAddress() + ", " + state + ")";
    }

    // ---------------------------------------------------------------- transport callbacks

    /** Client side: the transport connection opened; introduce ourselves. */
    void onTransportOpen(TransportConnection tc) {
        synchronized (this) {
            if (state == State.CLOSED) {
                tc.close();
                return;
            }
            transport = tc;
            state = State.HANDSHAKE;
            lastReceivedNanos = endpoint.clock.nanoTime();
        }
        NetConfig config = endpoint.config;
        sendControl(Channel.RELIABLE_ORDERED, Wire.hello(config.protocolVersion(), config.applicationId(),
                endpoint.registry.fingerprint().hash()));
    }

    @Override
    public void onMessage(TransportConnection tc, Channel channel, ByteBuffer message) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            if (transport == null) {
                transport = tc;
            }
            lastReceivedNanos = endpoint.clock.nanoTime();
            stats.bytesIn.addAndGet(message.remaining());
            try {
                if (!message.hasRemaining()) {
                    throw new MalformedMessageException("empty message");
                }
                byte type = message.get();
                switch (type) {
                    case Wire.MESSAGE -> onUserMessage(channel, message, false);
                    case Wire.SEQUENCED -> onUserMessage(channel, message, true);
                    case Wire.PING -> onPing(message);
                    case Wire.PONG -> onPong(message);
                    case Wire.HELLO -> onHello(Wire.readHello(message));
                    case Wire.WELCOME -> onWelcome(Wire.readWelcome(message));
                    case Wire.REGISTRATIONS -> onRegistrations(Wire.readRegistrations(message));
                    case Wire.GOODBYE -> {
                        Wire.Goodbye bye = Wire.readGoodbye(message);
                        disconnect(DisconnectReason.fromPeerCode(bye.reasonCode()), bye.detail(), false);
                    }
                    default -> throw new MalformedMessageException("unknown message type " + (type & 0xff));
                }
            } catch (MalformedMessageException e) {
                LOG.debug("protocol error from {}: {}", remoteAddress(), e.getMessage());
                disconnect(DisconnectReason.PROTOCOL_ERROR, e.getMessage(), true);
            }
        }
    }

    @Override
    public void onWritable(TransportConnection tc) {
        // Nothing queued in core: games poll isWritable(). Kept for transports that signal it.
    }

    @Override
    public void onClosed(TransportConnection tc, Throwable cause) {
        disconnect(DisconnectReason.TRANSPORT_CLOSED,
                cause == null ? "transport closed without goodbye" : String.valueOf(cause.getMessage()), false);
    }

    // ---------------------------------------------------------------- protocol (under the monitor)

    private void onUserMessage(Channel channel, ByteBuffer message, boolean sequenced) throws MalformedMessageException {
        if (state != State.CONNECTED) {
            if (channel.isReliable()) {
                // Reliable data is ordered behind WELCOME, so this is a peer bug (or an attack).
                throw new MalformedMessageException("application message before the handshake completed");
            }
            // Unreliable data sent right after WELCOME may overtake it (WELCOME waits for a
            // retransmission): drop it like any lost packet.
            return;
        }
        if (sequenced) {
            if (message.remaining() < 2) {
                throw new MalformedMessageException("truncated sequence number");
            }
            int sequence = message.getShort() & 0xffff;
            // Serial-number arithmetic (RFC 1982 style) so that the 16-bit counter may wrap.
            if (anyInSequence && (short) (sequence - lastInSequence) <= 0) {
                stats.staleDropped.incrementAndGet();
                return;
            }
            anyInSequence = true;
            lastInSequence = sequence;
        }
        Object decoded = endpoint.registry.codecForCurrentThread().readRemoteMessage(message);
        stats.messagesIn.incrementAndGet();
        if (endpoint.config.deliverOnNetworkThread()) {
            EventQueue.dispatch(endpoint.listener, this, decoded, channel, null);
        } else if (!endpoint.events.offerMessage(this, decoded, channel)) {
            if (channel.isReliable()) {
                disconnect(DisconnectReason.RECEIVE_QUEUE_FULL, pendingMessages.get()
                        + " messages of this connection waiting for update(), more than its share of "
                        + endpoint.config.maxPendingMessages(), true);
            }
        }
    }

    private void onHello(Wire.Hello hello) throws MalformedMessageException {
        if (!endpoint.isServer || state != State.HANDSHAKE) {
            throw new MalformedMessageException("unexpected HELLO");
        }
        NetConfig config = endpoint.config;
        if (hello.protocolVersion() != config.protocolVersion()) {
            disconnect(DisconnectReason.VERSION_MISMATCH, "server speaks netcode protocol " + config.protocolVersion()
                    + ", client " + hello.protocolVersion(), true);
            return;
        }
        if (!hello.applicationId().equals(config.applicationId())) {
            disconnect(DisconnectReason.APPLICATION_MISMATCH, "server application '" + config.applicationId()
                    + "', client '" + hello.applicationId() + "'", true);
            return;
        }
        if (hello.registrationHash() != endpoint.registry.fingerprint().hash()) {
            // Only now is the full list worth its bytes: the client answers with its own list and
            // both sides name the first difference.
            state = State.AWAIT_REGISTRATIONS;
            sendControl(Channel.RELIABLE_ORDERED, Wire.registrations(endpoint.registry.fingerprint(),
                    transport.maxMessageSizeBytes()));
            return;
        }
        if (!endpoint.admit(this)) {
            disconnect(DisconnectReason.SERVER_FULL, "server has " + config.maxConnections() + " connections", true);
            return;
        }
        sendControl(Channel.RELIABLE_ORDERED, Wire.welcome(id));
        markConnected();
    }

    private void onWelcome(int serverAssignedId) throws MalformedMessageException {
        if (endpoint.isServer || state != State.HANDSHAKE) {
            throw new MalformedMessageException("unexpected WELCOME");
        }
        markConnected();
    }

    private void onRegistrations(RegistrationFingerprint remote) throws MalformedMessageException {
        RegistrationFingerprint local = endpoint.registry.fingerprint();
        String difference = local.firstDifference(remote)
                .orElse("registration hashes differ but the lists are equal (truncated list?)");
        if (endpoint.isServer) {
            if (state != State.AWAIT_REGISTRATIONS) {
                throw new MalformedMessageException("unexpected REGISTRATIONS");
            }
            disconnect(DisconnectReason.REGISTRATION_MISMATCH, difference, false);
        } else {
            if (state != State.HANDSHAKE) {
                throw new MalformedMessageException("unexpected REGISTRATIONS");
            }
            // Answer with our list, then close in order: the server reads it before it sees the close.
            sendControl(Channel.RELIABLE_ORDERED, Wire.registrations(local, transport.maxMessageSizeBytes()));
            disconnect(DisconnectReason.REGISTRATION_MISMATCH, difference, false);
        }
    }

    private void onPing(ByteBuffer message) throws MalformedMessageException {
        if (message.remaining() < 12) {
            throw new MalformedMessageException("truncated PING");
        }
        stats.onProbeReceived(message.getInt(message.position()));
        sendControl(Channel.UNRELIABLE, Wire.pongFor(message, stats.lossInPermille(), scratchSequence));
    }

    private void onPong(ByteBuffer message) throws MalformedMessageException {
        Wire.Pong pong = Wire.readPong(message);
        long rttNanos = endpoint.clock.nanoTime() - pong.echoedNanos();
        if (rttNanos >= 0 && rttNanos < 60_000_000_000L) {
            stats.onRttSample(rttNanos / 1e6);
        }
        stats.onPeerLossReport(pong.lossPermille());
    }

    private void markConnected() {
        state = State.CONNECTED;
        wasConnected = true;
        if (endpoint.config.deliverOnNetworkThread()) {
            EventQueue.dispatch(endpoint.listener, this, null, null, null);
        } else {
            endpoint.events.offerConnected(this);
        }
    }

    // ---------------------------------------------------------------- timers and shutdown

    /** Called periodically by the endpoint's timer thread. */
    void tick(long nowNanos) {
        NetConfig config = endpoint.config;
        boolean ping = false;
        int sequence = 0;
        synchronized (this) {
            State s = state;
            if (s == State.CLOSED) {
                return;
            }
            if (s != State.CONNECTED) {
                if (nowNanos - createdNanos > config.handshakeTimeoutMs() * 1_000_000L) {
                    disconnect(DisconnectReason.TIMEOUT, "handshake not completed within "
                            + config.handshakeTimeoutMs() + " ms", true);
                }
                return;
            }
            if (nowNanos - lastReceivedNanos > config.timeoutMs() * 1_000_000L) {
                disconnect(DisconnectReason.TIMEOUT, "nothing received for " + config.timeoutMs() + " ms", true);
                return;
            }
            if (nowNanos - lastPingNanos >= config.keepAliveIntervalMs() * 1_000_000L) {
                lastPingNanos = nowNanos;
                ping = true;
                sequence = pingSequence++;
            }
        }
        stats.updateRates(nowNanos);
        if (ping) {
            sendControl(Channel.UNRELIABLE, Wire.ping(sequence, nowNanos));
        }
    }

    /**
     * Ends the connection once: records the reason, queues {@code disconnected}, optionally tells the
     * peer why, and closes the transport in order (so the goodbye arrives first).
     */
    void disconnect(DisconnectReason why, String text, boolean tellPeer) {
        TransportConnection tc;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            reason = why;
            detail = text == null ? "" : text;
            tc = transport;
            if (endpoint.config.deliverOnNetworkThread()) {
                EventQueue.dispatch(endpoint.listener, this, null, null, why);
            } else {
                endpoint.events.offerDisconnected(this, why);
            }
        }
        LOG.debug("connection {} ({}) ended: {} {}", id, tc == null ? "-" : tc.remoteAddress(), why, detail);
        endpoint.forget(this);
        if (tc != null) {
            if (tellPeer) {
                try {
                    tc.send(Channel.RELIABLE_ORDERED, Wire.goodbye(why.wireCode(), detail));
                } catch (TransportException e) {
                    // Best effort: the peer will see the transport close or time out.
                }
            }
            tc.close();
        }
    }

    private void sendControl(Channel channel, ByteBuffer message) {
        TransportConnection tc = transport;
        if (tc == null) {
            return;
        }
        int size = message.remaining();
        try {
            tc.send(channel, message);
            stats.bytesOut.addAndGet(size);
        } catch (BackpressureException e) {
            if (channel.isReliable()) {
                // A handshake message that cannot be buffered means the link is hopeless.
                disconnect(DisconnectReason.TRANSPORT_CLOSED, "send buffer full during handshake", false);
            }
        } catch (TransportException e) {
            LOG.debug("control send to {} failed: {}", tc.remoteAddress(), e.getMessage());
        }
    }

    Optional<TransportConnection> transport() {
        return Optional.ofNullable(transport);
    }
}
