package dev.netcode.webrtc.turn;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Checks a TURN server and its credentials once, before they are needed: one Allocate, freed again
 * at once (Refresh with LIFETIME 0).
 *
 * <pre>{@code
 * TurnProbe.check(server, TurnClientConfig.defaults(), group.next()).whenComplete((relayed, error) -> {
 *     if (error instanceof TurnAuthenticationException) { ... }  // 401: wrong username/password
 * });
 * }</pre>
 *
 * <p>An ICE agent cannot say why a relay candidate is missing, only that ICE did not connect: with
 * {@code iceTransportPolicy=relay} and a wrong password the visible symptom is a connection
 * timeout. A tool or a game server that checks its TURN configuration at start-up reports the real
 * cause instead: {@link TurnAuthenticationException} (401, wrong or expired credentials),
 * {@link TurnAllocationQuotaException} (486), {@link TurnUnreachableException} (no answer, TCP
 * refused) or another {@link TurnException}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A check costs the server one allocation for one round trip; do not probe per connection.</li>
 *   <li>A server that does not answer fails only after the full retransmission schedule
 *       ({@link TurnClientConfig#udpGiveUpMs()}, 39.5 s by default, or the TCP connect timeout);
 *       give the check a shorter config if that is too long to wait.</li>
 *   <li>A passing check does not prove that peers can reach the relayed address (firewalls,
 *       {@code denied-peer-ip}); only ICE can show that.</li>
 * </ul>
 */
public final class TurnProbe {
    private TurnProbe() {
    }

    /**
     * Allocates on {@code server}, then frees the allocation and closes the client. Completes with
     * the relayed address the server granted, or fails with the {@link TurnException} that
     * {@link TurnClient#allocate()} failed with.
     */
    public static CompletableFuture<InetSocketAddress> check(TurnServer server, TurnClientConfig config, EventLoop loop) {
        TurnClient client = TurnClient.create(server, config, loop);
        CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
        client.allocate().whenComplete((relayed, error) -> {
            client.close();
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                result.complete(relayed);
            }
        });
        return result;
    }
}
