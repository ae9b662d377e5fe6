package dev.netcode.lobby;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The default {@link Authenticator}.
 *
 * <ul>
 *   <li>{@code {"method":"guest","name":"alice"}}: a fresh random user id {@code guest-<16 hex>},
 *       display name as given (trimmed, 1..32 chars, default "guest").</li>
 *   <li>{@code {"method":"host","secret":"...","name":"eu-1"}}: a dedicated host process; granted
 *       {@link Identity#ROLE_HOST} if {@code secret} equals the configured host secret. Refused
 *       when no host secret is configured.</li>
 * </ul>
 */
public final class GuestAuthenticator implements Authenticator {
    private final SecureRandom random = new SecureRandom();
    private final byte[] hostSecret;

    /** @param hostSecret secret that dedicated hosts present, or null to refuse host logins */
    public GuestAuthenticator(String hostSecret) {
        this.hostSecret = hostSecret == null ? null : hostSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletionStage<Identity> authenticate(LoginRequest request) {
        String name = request.field("name") == null ? "" : request.field("name").trim();
        if (name.length() > 32) {
            return CompletableFuture.failedFuture(new AuthenticationException("name longer than 32 characters"));
        }
        byte[] id = new byte[8];
        random.nextBytes(id);
        String hex = HexFormat.of().formatHex(id);
        switch (request.method()) {
            case "guest":
                return CompletableFuture.completedFuture(new Identity("guest-" + hex, name.isEmpty() ? "guest" : name, List.of()));
            case "host":
                String secret = request.field("secret");
                if (hostSecret == null || secret == null
                        || !MessageDigest.isEqual(hostSecret, secret.getBytes(StandardCharsets.UTF_8))) {
                    return CompletableFuture.failedFuture(new AuthenticationException("host secret refused"));
                }
                return CompletableFuture.completedFuture(new Identity("host-" + hex, name.isEmpty() ? "host" : name,
                        List.of(Identity.ROLE_HOST)));
            default:
                return CompletableFuture.failedFuture(new AuthenticationException("unsupported login method '"
                        + request.method() + "'"));
        }
    }
}
