package dev.netcode.lobby;

import java.util.concurrent.CompletionStage;

/**
 * Decides who a login request is. Plug in your own to check your game's accounts:
 *
 * <pre>{@code
 * Authenticator accounts = request -> CompletableFuture.supplyAsync(() -> {
 *     if (!"password".equals(request.method())) throw new CompletionException(new AuthenticationException("unsupported"));
 *     Account a = db.check(request.field("user"), request.field("password"));   // blocking is fine here
 *     if (a == null) throw new CompletionException(new AuthenticationException("bad credentials"));
 *     return new Identity(a.id(), a.name(), List.of());
 * }, dbExecutor);
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #authenticate} is called on a Netty event loop: never block in it; return a stage
 *       completed on your own executor instead.</li>
 *   <li>Fail the stage with {@link AuthenticationException} for a refusal (HTTP 401 with your
 *       message); any other exception becomes HTTP 500 with a generic message.</li>
 *   <li>Login attempts are already rate-limited per IP by the server before this is called.</li>
 * </ul>
 */
@FunctionalInterface
public interface Authenticator {
    CompletionStage<Identity> authenticate(LoginRequest request);
}
