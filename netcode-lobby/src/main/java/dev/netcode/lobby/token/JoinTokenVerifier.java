package dev.netcode.lobby.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Base64;

/**
 * Used by a dedicated host to check the join token a player presents when it connects (for
 * example in the first reliable message after the DataChannel opens). Needs only the
 * {@code joinKey} and {@code hostId} the lobby returned at registration; no call to the lobby.
 *
 * <pre>{@code
 * JoinTokenVerifier verifier = JoinTokenVerifier.of(registration.hostId(), registration.joinKey(), Clock.systemUTC());
 * JoinClaims claims = verifier.verify(tokenFromPlayer);   // throws TokenException if forged/expired
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Check that {@link JoinClaims#userId()} is the identity the player claims in your game
 *       protocol, and admit each (match, user) once.</li>
 *   <li>Re-registering gives the host a new key: tokens issued under the old key are then refused.</li>
 * </ul>
 */
public final class JoinTokenVerifier {
    private final SignedTokenCodec codec;
    private final String hostId;
    private final Clock clock;

    public JoinTokenVerifier(byte[] joinKey, String hostId, Clock clock) {
        this.codec = new SignedTokenCodec(joinKey);
        this.hostId = hostId;
        this.clock = clock;
    }

    /** @param joinKeyBase64 the {@code joinKey} field of the {@code host.register} reply (base64url) */
    public static JoinTokenVerifier of(String hostId, String joinKeyBase64, Clock clock) {
        return new JoinTokenVerifier(Base64.getUrlDecoder().decode(joinKeyBase64), hostId, clock);
    }

    /** @throws TokenException forged, expired, malformed, or issued for another host */
    public JoinClaims verify(String joinToken) throws TokenException {
        ObjectNode payload = codec.verify(joinToken, JoinTokens.KIND, clock.millis());
        if (!payload.path("h").isTextual() || !payload.path("m").isTextual() || !payload.path("u").isTextual()) {
            throw new TokenException(TokenException.Reason.MALFORMED, "join token lacks host, match or user");
        }
        if (!payload.get("h").asText().equals(hostId)) {
            throw new TokenException(TokenException.Reason.WRONG_AUDIENCE, "join token is for host " + payload.get("h").asText());
        }
        return new JoinClaims(hostId, payload.get("m").asText(), payload.get("u").asText(), payload.get("e").asLong());
    }
}
