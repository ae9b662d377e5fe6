package dev.netcode.sample.lobby;

import dev.netcode.core.Connection;
import dev.netcode.lobby.client.SeatReservation;
import dev.netcode.lobby.token.JoinClaims;
import dev.netcode.lobby.token.JoinTokenVerifier;
import dev.netcode.lobby.token.TokenException;
import dev.netcode.sample.net.ArenaHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The dedicated host's seat check: an {@link ArenaHost.JoinVerifier} that admits a player only
 * with a join token the lobby issued for this host, for the very peer that presents it, once.
 *
 * <ol>
 *   <li>The token must verify with the host's join key ({@link JoinTokenVerifier}): not forged,
 *       not expired, issued for this host id.</li>
 *   <li>Its user id must be the WebRTC peer that joins. The peer id is the lobby user id the
 *       lobby's relay stamped on the signaling ({@code from} cannot be forged), and the transport
 *       names the connection by it: {@code webrtc:<peerId>/<connectionId>...}. So a token copied
 *       from another player is useless.</li>
 *   <li>Each seat (match id, user id) is admitted once: a reused token is refused, even after the
 *       player left.</li>
 * </ol>
 * It also keeps the seats of every {@link SeatReservation} so the host can release a match with
 * the lobby once it is over ({@link #finishedMatches}): every seat was taken and its player left,
 * or the reservation expired with the remaining seats never taken.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Single-threaded except {@link #reserve}: call {@link #refusal}, {@link #left} and
 *       {@link #finishedMatches} on the host thread (ArenaHost does); reservations arrive on the
 *       lobby client's thread and are handed over through a synchronized block.</li>
 *   <li>Bounded by the lobby: it only places as many seats on a host as its capacity, and
 *       finished matches are forgotten.</li>
 * </ul>
 */
public final class SeatVerifier implements ArenaHost.JoinVerifier {
    private static final String PREFIX = "webrtc:";

    private volatile JoinTokenVerifier verifier;
    private final LongSupplier clockMs;
    private final Map<String, Match> matches = new HashMap<>();
    private final Map<Connection, Match> seatedBy = new HashMap<>();
    /** Released matches until their tokens expire, so a released seat's token stays refused. */
    private final Map<String, Long> released = new HashMap<>();
    private long refused;

    private static final class Match {
        final String matchId;
        final Set<String> seats = new HashSet<>();
        final Set<String> admitted = new HashSet<>();
        final Set<String> left = new HashSet<>();
        long expiresAtMs;

        Match(String matchId) {
            this.matchId = matchId;
        }

        boolean finished(long nowMs) {
            if (left.size() < admitted.size()) {
                return false; // someone is still playing
            }
            return admitted.containsAll(seats) || nowMs > expiresAtMs;
        }
    }

    /**
     * A verifier that refuses everyone until {@link #registered} gives it the host's join key.
     *
     * @param clockMs wall clock in ms (reservations carry absolute expiry times)
     */
    public SeatVerifier(LongSupplier clockMs) {
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
    }

    /** @param verifier checks tokens with the host's join key (from the lobby's registration reply) */
    public SeatVerifier(JoinTokenVerifier verifier, LongSupplier clockMs) {
        this(clockMs);
        registered(verifier);
    }

    /** Sets the join key once the host is registered (any thread); a re-registration replaces it. */
    public void registered(JoinTokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Records a reservation the lobby sent (any thread). */
    public void reserve(SeatReservation reservation) {
        synchronized (matches) {
            Match m = matches.computeIfAbsent(reservation.matchId(), Match::new);
            m.expiresAtMs = Math.max(m.expiresAtMs, reservation.expiresAtMs());
            for (SeatReservation.Seat seat : reservation.seats()) {
                m.seats.add(seat.userId());
            }
        }
    }

    @Override
    public String refusal(Connection connection, String joinToken) {
        String reason = check(connection, joinToken);
        if (reason != null) {
            refused++;
        }
        return reason;
    }

    private String check(Connection connection, String joinToken) {
        if (joinToken == null || joinToken.isEmpty()) {
            return "no join token (join through the lobby's matchmaking)";
        }
        JoinTokenVerifier v = verifier;
        if (v == null) {
            return "host not registered with the lobby yet";
        }
        JoinClaims claims;
        try {
            claims = v.verify(joinToken);
        } catch (TokenException e) {
            return "join token " + e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        String peerId = peerIdOf(connection.remoteAddress());
        if (!claims.userId().equals(peerId)) {
            return "join token belongs to another player";
        }
        synchronized (matches) {
            if (released.containsKey(claims.matchId())) {
                return "seat already taken";
            }
            Match m = matches.computeIfAbsent(claims.matchId(), Match::new);
            if (!m.admitted.add(claims.userId())) {
                return "seat already taken";
            }
            // A token can outrun its reservation event (two different lobby messages): the seat counts anyway.
            m.seats.add(claims.userId());
            m.expiresAtMs = Math.max(m.expiresAtMs, claims.expiresAtMs());
            seatedBy.put(connection, m);
        }
        return null;
    }

    @Override
    public void left(Connection connection) {
        synchronized (matches) {
            Match m = seatedBy.remove(connection);
            if (m != null) {
                m.left.add(peerIdOf(connection.remoteAddress()));
            }
        }
    }

    /** Matches that are over (see the class comment), removed from this verifier's memory. */
    public List<String> finishedMatches() {
        long now = clockMs.getAsLong();
        List<String> done = new ArrayList<>();
        synchronized (matches) {
            released.values().removeIf(expiresAtMs -> now > expiresAtMs);
            matches.values().removeIf(m -> {
                if (m.finished(now)) {
                    done.add(m.matchId);
                    released.put(m.matchId, m.expiresAtMs);
                    return true;
                }
                return false;
            });
        }
        return done;
    }

    /** Joins refused so far (host thread). */
    public long refused() {
        return refused;
    }

    /**
     * The signaling peer id in a WebRTC transport address {@code webrtc:<peerId>/<connectionId>[@ip:port]},
     * or null for any other transport's address.
     */
    static String peerIdOf(String remoteAddress) {
        if (remoteAddress == null || !remoteAddress.startsWith(PREFIX)) {
            return null;
        }
        int slash = remoteAddress.indexOf('/', PREFIX.length());
        return slash < 0 ? null : remoteAddress.substring(PREFIX.length(), slash);
    }
}
