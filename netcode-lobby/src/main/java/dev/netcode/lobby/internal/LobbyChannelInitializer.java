package dev.netcode.lobby.internal;

import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.token.SessionTokens;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The lobby pipeline:
 *
 * <pre>
 *   HttpServerCodec (request line 4 KiB, headers 8 KiB)
 *   HttpObjectAggregator (8 KiB bodies)
 *   HttpApiHandler            /login /refresh /health, token check of /ws
 *   WebSocketServerProtocolHandler (/ws, frames up to maxFrameBytes, else close 1009; ping/pong/close)
 *   WebSocketFrameAggregator  (fragmented messages up to maxFrameBytes)
 *   LobbyWebSocketHandler     rate limit, JSON decode, hand-over to the logic thread
 * </pre>
 *
 * No compression extension: permessage-deflate would let a small frame inflate past the limits.
 */
public final class LobbyChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final LobbyConfig config;
    private final SessionTokens tokens;
    private final LoginLimiter loginLimiter;
    private final LobbyLogic logic;
    private final Connections connections;

    public LobbyChannelInitializer(LobbyConfig config, SessionTokens tokens, LoginLimiter loginLimiter, LobbyLogic logic,
                                   Connections connections) {
        this.config = config;
        this.tokens = tokens;
        this.loginLimiter = loginLimiter;
        this.logic = logic;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        // Idle HTTP connections (no upgrade) are closed after 120 s; live clients send a "ping" message every 30 s.
        p.addLast(new IdleStateHandler(0, 0, 120));
        p.addLast(new HttpServerCodec(4096, 8192, 8192));
        p.addLast(new HttpObjectAggregator(8192));
        p.addLast(new HttpApiHandler(config, tokens, loginLimiter, connections::size));
        p.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .checkStartsWith(true)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxFrameBytes)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(true)
                        .build())
                .build()));
        p.addLast(new WebSocketFrameAggregator(config.maxFrameBytes));
        p.addLast(new IdleCloser());
        p.addLast(new LobbyWebSocketHandler(config, logic));
    }

    /** Closes a connection that sent nothing (not even a ping) for the idle time. */
    static final class IdleCloser extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}
