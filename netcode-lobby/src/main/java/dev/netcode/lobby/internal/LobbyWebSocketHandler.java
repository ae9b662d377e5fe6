package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.token.SessionToken;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection WebSocket handler, on the connection's event loop: rate-limits and decodes each
 * text message and hands it to the {@link LobbyLogic} thread.
 *
 * <p>Flood control: a token bucket ({@code messagesPerSecond}, {@code messageBurst}). A message
 * over the rate is dropped and answered with {@code rate_limited} (throttle); once more than
 * {@code floodRejectLimit} messages were dropped within five seconds the connection is closed with
 * 1008 (policy violation).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Oversize single frames are refused earlier, by Netty's frame decoder, with close code 1009;
 *       oversize fragmented messages by the frame aggregator, turned into 1009 here.</li>
 *   <li>Binary frames are refused with 1003: the protocol is JSON text only.</li>
 * </ul>
 */
public final class LobbyWebSocketHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(LobbyWebSocketHandler.class);
    private static final long FLOOD_WINDOW_NS = 5_000_000_000L;

    private final LobbyConfig config;
    private final LobbyLogic logic;
    private Connection connection;
    private TokenBucket bucket;
    private long floodWindowStartNs;
    private int rejectedInWindow;

    public LobbyWebSocketHandler(LobbyConfig config, LobbyLogic logic) {
        this.config = config;
        this.logic = logic;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            SessionToken session = ctx.channel().attr(HttpApiHandler.SESSION).get();
            connection = new Connection(ctx.channel(), session);
            bucket = new TokenBucket(config.messagesPerSecond, config.messageBurst, System.nanoTime());
            Connection c = connection;
            logic.execute(() -> logic.onConnect(c));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (connection == null || connection.isClosing()) {
                return; // after our close frame: read and drop until the client answers it
            }
            if (frame instanceof BinaryWebSocketFrame) {
                connection.close(WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code(), "binary frames are not supported");
                return;
            }
            if (!(frame instanceof TextWebSocketFrame text)) {
                return;
            }
            long now = System.nanoTime();
            if (!bucket.tryTake(now)) {
                throttle(now);
                return;
            }
            ObjectNode message;
            try {
                message = Json.parseMessage(text.text());
            } catch (ProtocolException e) {
                connection.send(Messages.error(null, e.code(), e.getMessage()));
                return;
            }
            Connection c = connection;
            logic.execute(() -> logic.onMessage(c, message));
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void throttle(long now) {
        if (now - floodWindowStartNs > FLOOD_WINDOW_NS) {
            floodWindowStartNs = now;
            rejectedInWindow = 0;
        }
        rejectedInWindow++;
        if (rejectedInWindow > config.floodRejectLimit) {
            LOG.info("closing flooding connection {}", connection);
            connection.close(WebSocketCloseStatus.POLICY_VIOLATION.code(), "message rate limit exceeded");
        } else {
            connection.send(Messages.error(null, ErrorCode.RATE_LIMITED, "more than " + config.messagesPerSecond
                    + " messages per second; message dropped"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            Connection c = connection;
            logic.execute(() -> logic.onDisconnect(c));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException
                && cause.getMessage() != null && cause.getMessage().contains("Max frame length")) {
            if (connection != null) {
                connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "message larger than " + config.maxFrameBytes + " bytes");
            } else {
                ctx.close();
            }
            return;
        }
        LOG.debug("WebSocket channel error on {}: {}", connection, cause.toString());
        ctx.close();
    }
}
