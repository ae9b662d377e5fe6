package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.token.SessionToken;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated WebSocket, as the lobby logic sees it. {@link #send} may be called from any
 * thread.
 *
 * <p>Outbound backpressure: the channel's write-buffer high water mark is the configured
 * {@code outboundQueueBytes}. Netty counts bytes queued in the channel and bytes of writes still
 * travelling to its event loop; once that total crosses the mark the channel turns unwritable, and
 * the next {@link #send} disconnects this client as a slow consumer instead of queueing more. The
 * other clients never wait for it.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A slow consumer is closed without a close frame: there is no room left to queue one.</li>
 * </ul>
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Close code when the same user connects again elsewhere. */
    public static final int CLOSE_REPLACED = 4001;
    /** How long a server-initiated close waits for the client's close frame before closing the socket. */
    static final long CLOSE_LINGER_MS = 2_000;

    private final Channel channel;
    private final SessionToken identity;
    private final AtomicBoolean closing = new AtomicBoolean();

    public Connection(Channel channel, SessionToken identity) {
        this.channel = channel;
        this.identity = identity;
    }

    public String userId() {
        return identity.userId();
    }

    public SessionToken identity() {
        return identity;
    }

    public Channel channel() {
        return channel;
    }

    /** Queues {@code message}; disconnects the client if its outbound queue is full. */
    public void send(ObjectNode message) {
        if (closing.get() || !channel.isActive()) {
            return;
        }
        sendText(Json.write(message));
    }

    /** Queues an already serialized message (routed from another node). */
    public void sendText(String json) {
        if (closing.get() || !channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            if (closing.compareAndSet(false, true)) {
                LOG.info("disconnecting slow consumer {}", identity.userId());
                channel.close();
            }
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }

    /**
     * Sends a close frame with {@code code} and closes once the client answers it, or after
     * {@link #CLOSE_LINGER_MS}. Until then the socket keeps being read (frames are dropped, see
     * {@link #isClosing()}): closing a socket that still has unread data makes the kernel send a
     * reset, and a client still sending (a flooder) would then lose the close frame and see 1006.
     */
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true) && channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> {
                if (!f.isSuccess()) {
                    channel.close();
                } else {
                    channel.eventLoop().schedule(() -> channel.close(), CLOSE_LINGER_MS, TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    /** True once this connection is being closed: frames still arriving are to be dropped. */
    public boolean isClosing() {
        return closing.get();
    }

    @Override
    public String toString() {
        return "Connection[" + identity.userId() + " " + channel.remoteAddress() + "]";
    }
}
