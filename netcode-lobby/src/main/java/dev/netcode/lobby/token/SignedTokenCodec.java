package dev.netcode.lobby.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed-token format shared by session tokens and join tokens.
 *
 * <pre>
 *   token     = b64url(payload) "." b64url(HMAC-SHA256(key, b64url(payload)))
 *   payload   = a JSON object, UTF-8; always has "k" (kind) and "e" (expiry, epoch milliseconds)
 *   b64url    = RFC 4648 section 5 base64url without padding
 * </pre>
 *
 * The signature covers the encoded payload (as in JWS, RFC 7515 section 5.1) so verification never
 * parses unauthenticated JSON: the MAC is checked first, in constant time.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The key must be at least 32 random bytes; a short human password makes tokens forgeable
 *       by offline guessing.</li>
 *   <li>The kind field keeps a join token from being replayed as a session token even if someone
 *       configured the same key for both.</li>
 * </ul>
 */
public final class SignedTokenCodec {
    /** Longest token accepted before any work is done. */
    public static final int MAX_TOKEN_CHARS = 2048;
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(1024).build())
            .build());

    private final byte[] key;

    public SignedTokenCodec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("token key must be at least 32 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /** Signs {@code payload}, which must carry "k" and "e". */
    public String sign(ObjectNode payload) {
        if (!payload.hasNonNull("k") || !payload.hasNonNull("e")) {
            throw new IllegalArgumentException("payload needs kind 'k' and expiry 'e'");
        }
        String body;
        try {
            body = b64(MAPPER.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serializes", e);
        }
        return body + "." + b64(mac(body));
    }

    /**
     * Checks the signature, kind and expiry and returns the payload.
     *
     * @throws TokenException typed by reason; never any other exception for any input string
     */
    public ObjectNode verify(String token, String expectedKind, long nowMs) throws TokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token missing or longer than " + MAX_TOKEN_CHARS);
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token is not payload.signature");
        }
        String body = token.substring(0, dot);
        byte[] signature;
        byte[] payloadBytes;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            payloadBytes = Base64.getUrlDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token is not base64url");
        }
        if (!MessageDigest.isEqual(signature, mac(body))) {
            throw new TokenException(TokenException.Reason.FORGED, "token signature does not match");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(payloadBytes);
        } catch (java.io.IOException | RuntimeException e) {
            // Only reachable with a correctly signed but broken payload, i.e. a bug or a leaked key.
            throw new TokenException(TokenException.Reason.MALFORMED, "token payload is not JSON");
        }
        if (!(node instanceof ObjectNode payload) || !payload.path("k").isTextual() || !payload.path("e").canConvertToLong()) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token payload lacks kind or expiry");
        }
        if (!payload.get("k").asText().equals(expectedKind)) {
            throw new TokenException(TokenException.Reason.WRONG_AUDIENCE, "token is of kind '" + payload.get("k").asText()
                    + "', expected '" + expectedKind + "'");
        }
        if (payload.get("e").asLong() <= nowMs) {
            throw new TokenException(TokenException.Reason.EXPIRED, "token expired at " + payload.get("e").asLong());
        }
        return payload;
    }

    static ObjectNode newPayload(String kind, long expiresAtMs) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("k", kind);
        node.put("e", expiresAtMs);
        return node;
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "SignedTokenCodec[key hidden]";
    }
}
