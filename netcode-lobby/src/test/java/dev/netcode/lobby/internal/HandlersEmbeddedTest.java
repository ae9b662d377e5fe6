package dev.netcode.lobby.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netcode.lobby.LobbyConfig;
import dev.netcode.lobby.token.SessionToken;
import dev.netcode.lobby.token.SessionTokens;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP and WebSocket handlers alone, on EmbeddedChannels (no sockets, no logic thread). */
class HandlersEmbeddedTest {
    private final LobbyConfig config = LobbyConfig.builder().messageRate(2, 2).floodRejectLimit(3).loginRate(60, 2).build();
    private final SessionTokens tokens = new SessionTokens(config.tokenKey, Duration.ofMinutes(5), config.clock);

    private EmbeddedChannel http() {
        return new EmbeddedChannel(new HttpApiHandler(config, tokens, new LoginLimiter(60, 2, 10), () -> 3));
    }

    private static JsonNode body(FullHttpResponse response) throws Exception {
        try {
            return Json.MAPPER.readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    @Test
    void healthLoginAndLoginLimit() throws Exception {
        EmbeddedChannel ch = http();
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health"));
        FullHttpResponse health = ch.readOutbound();
        assertThat(health.status().code()).isEqualTo(200);
        assertThat(body(health).get("connections").asInt()).isEqualTo(3);

        for (int i = 0; i < 3; i++) {
            ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/login",
                    Unpooled.copiedBuffer("{\"method\":\"guest\",\"name\":\"n" + i + "\"}", StandardCharsets.UTF_8)));
        }
        FullHttpResponse first = ch.readOutbound();
        JsonNode login = body(first);
        assertThat(tokens.verify(login.get("token").asText()).displayName()).isEqualTo("n0");
        body(ch.readOutbound());
        FullHttpResponse limited = ch.readOutbound();
        assertThat(limited.status().code()).isEqualTo(429);
        assertThat(body(limited).path("error").path("code").asText()).isEqualTo("rate_limited");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void upgradeWithoutValidTokenIsAnswered401AndNotPassedOn() throws Exception {
        EmbeddedChannel ch = http();
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?token=forged.token"));
        FullHttpResponse refused = ch.readOutbound();
        assertThat(refused.status().code()).isEqualTo(401);
        assertThat(body(refused).path("error").path("code").asText()).isEqualTo("token_invalid");
        assertThat((Object) ch.readInbound()).isNull();

        String token = tokens.issue("guest-1", "a", List.of());
        DefaultFullHttpRequest upgrade = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?token=" + token);
        ch.writeInbound(upgrade);
        assertThat((Object) ch.readInbound()).isSameAs(upgrade); // passed on to the handshaker
        assertThat(ch.attr(HttpApiHandler.SESSION).get().userId()).isEqualTo("guest-1");
        upgrade.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void rateLimitThrottlesThenClosesWith1008AndBinaryIsRefused() {
        LobbyLogic logic = new LobbyLogic(config, tokens, new Connections(config.store));
        logic.close(); // the handler alone is under test: hand-overs to the logic thread are dropped
        EmbeddedChannel ch = new EmbeddedChannel(new LobbyWebSocketHandler(config, logic));
        ch.attr(HttpApiHandler.SESSION).set(new SessionToken("guest-1", "a", List.of(), Long.MAX_VALUE));
        ch.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        for (int i = 0; i < 6; i++) {
            ch.writeInbound(new TextWebSocketFrame("{\"type\":\"ping\"}"));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            out.add(o);
        }
        // 2 served (burst), 3 throttled with an error, the 4th excess closes the connection.
        assertThat(out).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(((TextWebSocketFrame) out.get(i)).text()).contains("rate_limited");
        }
        assertThat(((CloseWebSocketFrame) out.get(3)).statusCode()).isEqualTo(1008);
        out.forEach(io.netty.util.ReferenceCountUtil::release);

        EmbeddedChannel binary = new EmbeddedChannel(new LobbyWebSocketHandler(config, logic));
        binary.attr(HttpApiHandler.SESSION).set(new SessionToken("guest-2", "b", List.of(), Long.MAX_VALUE));
        binary.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        binary.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        CloseWebSocketFrame close = binary.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1003);
        close.release();
        ch.finishAndReleaseAll();
        binary.finishAndReleaseAll();
    }
}
