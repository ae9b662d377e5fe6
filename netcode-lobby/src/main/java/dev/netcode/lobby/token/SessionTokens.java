package dev.netcode.lobby.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issues and verifies lobby session tokens (HMAC-SHA256, see {@link SignedTokenCodec} for the
 * format). Payload fields: {@code k="s"}, {@code u} user id, {@code n} display name, {@code r}
 * roles, {@code e} expiry in epoch milliseconds.
 *
 * <p>The token is the whole session credential: a client presents it on the WebSocket upgrade
 * ({@code /ws?token=...}) and exchanges it for a fresh one before it expires ({@code POST /refresh}
 * or the {@code session.refresh} message). Because the server keeps no token list, every lobby node
 * that shares the key accepts the token, which is what lets a client resume on another node.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Tokens cannot be revoked before expiry; keep the TTL short (default one hour) and refresh.</li>
 *   <li>Put the token in the query string only over TLS: URLs end up in proxy logs.</li>
 * </ul>
 */
public final class SessionTokens {
    static final String KIND = "s";
    private final SignedTokenCodec codec;
    private final Duration ttl;
    private final Clock clock;

    public SessionTokens(byte[] key, Duration ttl, Clock clock) {
        this.codec = new SignedTokenCodec(key);
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(String userId, String displayName, List<String> roles) {
        ObjectNode payload = SignedTokenCodec.newPayload(KIND, clock.millis() + ttl.toMillis());
        payload.put("u", userId);
        payload.put("n", displayName);
        ArrayNode array = payload.putArray("r");
        roles.forEach(array::add);
        return codec.sign(payload);
    }

    /** @throws TokenException for any refused token, typed by reason */
    public SessionToken verify(String token) throws TokenException {
        ObjectNode payload = codec.verify(token, KIND, clock.millis());
        JsonNode user = payload.get("u");
        JsonNode name = payload.get("n");
        JsonNode roles = payload.get("r");
        if (user == null || !user.isTextual() || name == null || !name.isTextual() || roles == null || !roles.isArray()) {
            throw new TokenException(TokenException.Reason.MALFORMED, "session token lacks user, name or roles");
        }
        List<String> roleList = new ArrayList<>();
        roles.forEach(r -> roleList.add(r.asText()));
        return new SessionToken(user.asText(), name.asText(), roleList, payload.get("e").asLong());
    }

    public Duration ttl() {
        return ttl;
    }
}
