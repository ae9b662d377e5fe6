package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.AuthenticationException;
import dev.netcode.lobby.Identity;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.LoginRequest;
import dev.netcode.lobby.token.SessionToken;
import dev.netcode.lobby.token.SessionTokens;
import dev.netcode.lobby.token.TokenException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the lobby: {@code POST /login}, {@code POST /refresh}, {@code GET /health},
 * CORS preflight, and the token check of the WebSocket upgrade on {@code /ws}. A valid upgrade is
 * passed on (with the verified {@link SessionToken} in {@link #SESSION}) to Netty's WebSocket
 * handshaker; anything else is answered here.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Request bodies are capped by the {@code HttpObjectAggregator} in front (8 KiB); login
 *       bodies must be a flat JSON object of at most 16 string fields of 512 chars.</li>
 *   <li>The authenticator's stage may complete on any thread; the response is written through the
 *       channel, which is safe from any thread.</li>
 * </ul>
 */
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    /** The verified session of a WebSocket channel, set before the handshake. */
    public static final AttributeKey<SessionToken> SESSION = AttributeKey.valueOf("netcode.lobby.session");

    private final LobbyConfig config;
    private final SessionTokens tokens;
    private final LoginLimiter loginLimiter;
    private final IntSupplier connectionCount;

    public HttpApiHandler(LobbyConfig config, SessionTokens tokens, LoginLimiter loginLimiter, IntSupplier connectionCount) {
        super(false);
        this.config = config;
        this.tokens = tokens;
        this.loginLimiter = loginLimiter;
        this.connectionCount = connectionCount;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, error("bad_request", "malformed HTTP request"));
                request.release();
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            if (path.equals("/ws")) {
                upgrade(ctx, request, uri);
                return;
            }
            try {
                route(ctx, request, path);
            } finally {
                request.release();
            }
        } catch (RuntimeException e) {
            LOG.warn("HTTP request failed", e);
            ctx.close();
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (request.method() == HttpMethod.OPTIONS) {
            respond(ctx, request, HttpResponseStatus.NO_CONTENT, null);
        } else if (path.equals("/health") && request.method() == HttpMethod.GET) {
            ObjectNode body = Json.object();
            body.put("status", "ok");
            body.put("connections", connectionCount.getAsInt());
            respond(ctx, request, HttpResponseStatus.OK, body);
        } else if (path.equals("/login") && request.method() == HttpMethod.POST) {
            login(ctx, request);
        } else if (path.equals("/refresh") && request.method() == HttpMethod.POST) {
            refresh(ctx, request);
        } else if (path.equals("/turn") && request.method() == HttpMethod.GET) {
            turn(ctx, request);
        } else if (path.equals("/login") || path.equals("/refresh") || path.equals("/health") || path.equals("/turn")) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, error("bad_request", "wrong method"));
        } else {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, error("not_found", "no such endpoint"));
        }
    }

    private void login(ChannelHandlerContext ctx, FullHttpRequest request) {
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null;
        java.net.InetAddress source = remote != null && remote.getAddress() != null
                ? remote.getAddress() : java.net.InetAddress.getLoopbackAddress();
        if (!loginLimiter.tryAcquire(source, System.nanoTime())) {
            respond(ctx, request, HttpResponseStatus.TOO_MANY_REQUESTS, error("rate_limited", "too many login attempts; retry later"));
            return;
        }
        Map<String, String> fields;
        try {
            fields = loginFields(request.content().toString(StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, error(e.code(), e.getMessage()));
            return;
        }
        String method = fields.remove("method");
        if (method == null) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, error("bad_request", "'method' is required"));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        LoginRequest login = new LoginRequest(method, fields, remote);
        try {
            config.authenticator.authenticate(login).whenComplete((identity, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof AuthenticationException) {
                        respond(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED, error("auth_failed", cause.getMessage()));
                    } else {
                        LOG.warn("authenticator failed", cause);
                        respond(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, error("internal", "login failed"));
                    }
                    return;
                }
                respond(ctx, keepAlive, HttpResponseStatus.OK, tokenBody(identity.userId(), identity.displayName(), identity.roles()));
            });
        } catch (RuntimeException e) {
            LOG.warn("authenticator threw", e);
            respond(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, error("internal", "login failed"));
        }
    }

    private void refresh(ChannelHandlerContext ctx, FullHttpRequest request) {
        String token = bearer(request);
        if (token == null) {
            try {
                JsonNode body = Json.MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
                token = body != null && body.path("token").isTextual() ? body.get("token").asText() : null;
            } catch (java.io.IOException | RuntimeException e) {
                token = null;
            }
        }
        if (token == null) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, error("bad_request", "give the token as Bearer or {\"token\":...}"));
            return;
        }
        try {
            SessionToken session = tokens.verify(token);
            respond(ctx, request, HttpResponseStatus.OK, tokenBody(session.userId(), session.displayName(), session.roles()));
        } catch (TokenException e) {
            respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, error(tokenErrorCode(e), e.getMessage()));
        }
    }

    /** {@code GET /turn} with a Bearer session token: TURN credentials, as the turn.credentials message. */
    private void turn(ChannelHandlerContext ctx, FullHttpRequest request) {
        String token = bearer(request);
        if (token == null) {
            respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, error("token_invalid", "send Authorization: Bearer <token>"));
            return;
        }
        SessionToken session;
        try {
            session = tokens.verify(token);
        } catch (TokenException e) {
            respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, error(tokenErrorCode(e), e.getMessage()));
            return;
        }
        if (config.turn == null) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, error("turn_unavailable", "this lobby has no TURN server configured"));
            return;
        }
        respond(ctx, request, HttpResponseStatus.OK, LobbyLogic.turnBody(config.turn.issue(session.userId())));
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        List<String> values = uri.parameters().get("token");
        String token = values != null && !values.isEmpty() ? values.get(0) : bearer(request);
        SessionToken session;
        try {
            session = tokens.verify(token);
        } catch (TokenException e) {
            respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, error(tokenErrorCode(e), e.getMessage()));
            request.release();
            return;
        }
        if (connectionCount.getAsInt() >= config.maxConnections) {
            respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, error("server_full", "connection limit reached"));
            request.release();
            return;
        }
        ctx.channel().attr(SESSION).set(session);
        ctx.fireChannelRead(request); // to the WebSocket handshaker, which releases it
    }

    private ObjectNode tokenBody(String userId, String displayName, List<String> roles) {
        ObjectNode body = Json.object();
        body.put("token", tokens.issue(userId, displayName, roles));
        body.put("userId", userId);
        body.put("displayName", displayName);
        body.putPOJO("roles", roles);
        body.put("expiresAtMs", config.clock.millis() + tokens.ttl().toMillis());
        return body;
    }

    static String tokenErrorCode(TokenException e) {
        return e.reason() == TokenException.Reason.EXPIRED ? "token_expired" : "token_invalid";
    }

    private static String bearer(FullHttpRequest request) {
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }

    static Map<String, String> loginFields(String body) throws ProtocolException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            throw new ProtocolException("bad_request", "body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException("bad_request", "body must be a JSON object");
        }
        if (node.size() > 16) {
            throw new ProtocolException("bad_request", "at most 16 fields");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().length() > 512 || e.getKey().length() > 64) {
                throw new ProtocolException("bad_request", "field '" + e.getKey() + "' must be a string of at most 512 chars");
            }
            fields.put(e.getKey(), e.getValue().asText());
        }
        return fields;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return body;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, ObjectNode body) {
        respond(ctx, HttpUtil.isKeepAlive(request), status, body);
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, ObjectNode body) {
        byte[] bytes = body == null ? new byte[0] : Json.write(body).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization");
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP channel error: {}", cause.toString());
        ctx.close();
    }

}
