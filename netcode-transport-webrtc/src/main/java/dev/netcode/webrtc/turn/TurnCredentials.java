package dev.netcode.webrtc.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TURN username and password for the long-term credential mechanism (RFC 8489 §9.2).
 *
 * <p>Either static ({@link #of}) or in coturn's REST-API form ({@link #rest}), which is what the
 * Netcode lobby hands out:
 * <pre>
 *   username = expiryEpochSeconds ":" userId
 *   password = base64( HMAC-SHA1( sharedSecret, username ) )
 * </pre>
 * The client never needs the secret: take {@code username}/{@code password} from the lobby as-is.
 * {@link #rest} exists for servers and tests that hold the secret.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>REST credentials expire, and every Refresh re-authenticates with them: an allocation cannot
 *       outlive its credentials, so request a TTL longer than the session, as the lobby does.</li>
 *   <li>The password is not SASLprep-normalised (RFC 8489 §9.2.2); use ASCII passwords, as REST ones are.</li>
 * </ul>
 */
public record TurnCredentials(String username, String password) {
    public TurnCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.getBytes(StandardCharsets.UTF_8).length > 512) {
            throw new IllegalArgumentException("TURN username exceeds 512 bytes (RFC 8489 §14.3)");
        }
    }

    /** Static credentials configured on the server. */
    public static TurnCredentials of(String username, String password) {
        return new TurnCredentials(username, password);
    }

    /** coturn REST-API credentials ({@code use-auth-secret}) valid for {@code ttl} from {@code clock}'s now. */
    public static TurnCredentials rest(String sharedSecret, String userId, Duration ttl, Clock clock) {
        if (userId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("user id must not contain ':': " + userId);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        String username = (clock.instant().getEpochSecond() + ttl.getSeconds()) + ":" + userId;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new TurnCredentials(username, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    /** The long-term key (RFC 8489 §9.2.2): MD5(username ":" realm ":" password). */
    public byte[] longTermKey(String realm) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return md5.digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "TurnCredentials[" + username + ", password hidden]";
    }
}
