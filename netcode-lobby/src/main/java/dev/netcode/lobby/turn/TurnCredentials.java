package dev.netcode.lobby.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials in coturn's REST-API form ({@code use-auth-secret} in
 * {@code turnserver.conf}).
 *
 * <pre>
 *   username = expiryEpochSeconds ":" userId
 *   password = base64( HMAC-SHA1( sharedSecret, username ) )
 * </pre>
 *
 * The TURN server recomputes the password from the username with the same shared secret and
 * rejects the username once its expiry has passed, so the lobby never has to tell the TURN server
 * about users.
 *
 * <h2>Secret rotation</h2>
 * coturn accepts several {@code static-auth-secret} lines at once. Rotate by adding the new secret
 * to coturn, then issuing with it here ({@link #issue}) while {@link #verify} still accepts the
 * previous one until every credential issued with it has expired.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A user id containing {@code ':'} would make the username ambiguous: it is refused.</li>
 *   <li>The clock of the lobby and the TURN server must agree to within the TTL's margin.</li>
 * </ul>
 */
public final class TurnCredentials {
    /** What a client needs to configure an ICE server. */
    public record Issued(String username, String password, long ttlSeconds, List<String> uris) {}

    private final byte[] currentSecret;
    private final byte[] previousSecret;
    private final Duration ttl;
    private final List<String> uris;
    private final Clock clock;

    /**
     * @param currentSecret secret used to issue new credentials
     * @param previousSecret secret still accepted by {@link #verify} during rotation, or null
     */
    public TurnCredentials(String currentSecret, String previousSecret, Duration ttl, List<String> uris, Clock clock) {
        Objects.requireNonNull(currentSecret, "currentSecret");
        if (currentSecret.isEmpty()) {
            throw new IllegalArgumentException("TURN shared secret must not be empty");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("TURN credential TTL must be positive, got " + ttl);
        }
        this.currentSecret = currentSecret.getBytes(StandardCharsets.UTF_8);
        this.previousSecret = previousSecret == null ? null : previousSecret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.uris = List.copyOf(uris);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Issued issue(String userId) {
        if (userId.isEmpty() || userId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("TURN user id must be non-empty and contain no ':', got '" + userId + "'");
        }
        long expiry = clock.instant().getEpochSecond() + ttl.getSeconds();
        String username = expiry + ":" + userId;
        return new Issued(username, password(currentSecret, username), ttl.getSeconds(), uris);
    }

    /** True when {@code password} matches {@code username} under either secret and has not expired. */
    public boolean verify(String username, String password) {
        int colon = username.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(username.substring(0, colon));
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry < clock.instant().getEpochSecond()) {
            return false;
        }
        byte[] given = password.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(given, password(currentSecret, username).getBytes(StandardCharsets.US_ASCII))) {
            return true;
        }
        return previousSecret != null
                && MessageDigest.isEqual(given, password(previousSecret, username).getBytes(StandardCharsets.US_ASCII));
    }

    /** The coturn REST-API password for {@code username}. */
    public static String password(byte[] secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }
}
