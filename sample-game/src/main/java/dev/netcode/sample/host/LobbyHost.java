package dev.netcode.sample.host;

import dev.netcode.lobby.client.HostRegistration;
import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyListener;
import dev.netcode.lobby.client.SeatReservation;
import dev.netcode.sample.lobby.LobbySignaling;
import dev.netcode.sample.lobby.SeatVerifier;
import dev.netcode.sample.net.ArenaHost;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceUdpMux;
import dev.netcode.webrtc.transport.WebRtcTransport;
import dev.netcode.webrtc.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arena's dedicated host as a lobby member: it logs in to a netcode-lobby with the host role,
 * serves every player over WebRTC on one UDP port (ICE-lite, single-port mux), registers in the
 * lobby's host registry with its region and capacity, and admits only players that present a
 * join token the lobby issued for one of its seats ({@link SeatVerifier}).
 *
 * <pre>{@code
 * LobbyHost host = LobbyHost.start(new LobbyHost.Settings(ArenaLobby.baseUri("ws://lobby:7350"),
 *         hostSecret, "eu-1", "eu", 16, new InetSocketAddress(7000), peerConnectionConfig, seed));
 * // on the host thread, a few hundred times a second (libGDX headless render(), or a GameLoop):
 * host.update(System.nanoTime());
 * // on SIGTERM:
 * host.close();                     // unregisters from the lobby, then closes everything
 * }</pre>
 *
 * <h2>What happens</h2>
 * <ol>
 *   <li>The lobby places a match on this host and sends a seat reservation (the expected players
 *       and their join tokens); the players get {@code match.found} with the host's lobby user id
 *       and their own token.</li>
 *   <li>Each player's WebRTC offer reaches the host through the lobby's relay
 *       ({@link LobbySignaling}); the transport answers and the connection comes up on the UDP
 *       port.</li>
 *   <li>The player's first message is {@code Join} with its token; the {@link SeatVerifier} checks
 *       signature, expiry, host, that the token is the connecting peer's own, and that the seat was
 *       not taken before.</li>
 *   <li>Once a match is over (everyone left, or the reservation expired) the host releases it,
 *       so the lobby counts its seats as free again; heartbeats report the current players.</li>
 * </ol>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #update} and everything of {@link #arena()} belong to one thread: the host thread.
 *       {@link #close()} may be called from another thread (a shutdown hook) once that thread has
 *       stopped calling {@link #update}.</li>
 *   <li>Players must reach the advertised UDP address directly (ICE-lite): open the UDP port, and
 *       advertise the public address (the ICE {@code hostAddresses}) when the machine has several
 *       or sits behind a 1:1 NAT.</li>
 *   <li>The lobby's host secret grants the host role: keep it out of the client.</li>
 * </ul>
 */
public final class LobbyHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LobbyHost.class);
    private static final long HOUSEKEEPING_NS = TimeUnit.SECONDS.toNanos(1);

    /**
     * How to start.
     *
     * @param lobby the lobby's base URI ({@code ArenaLobby.baseUri})
     * @param hostSecret the lobby's host secret (login method {@code host})
     * @param name the host's display name (also shown to players)
     * @param region the region players queue in to be placed here
     * @param capacity players this host accepts, 1..{@link ArenaRules#MAX_PLAYERS}
     * @param udpBind where the single UDP port is bound (port 0: any free port)
     * @param peerConnection ICE/DTLS settings; its ICE {@code hostAddresses} are what is advertised
     * @param seed world seed
     */
    public record Settings(URI lobby, String hostSecret, String name, String region, int capacity,
                           InetSocketAddress udpBind, PeerConnectionConfig peerConnection, long seed) {
        public Settings {
            Objects.requireNonNull(lobby, "lobby");
            Objects.requireNonNull(hostSecret, "hostSecret");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(udpBind, "udpBind");
            Objects.requireNonNull(peerConnection, "peerConnection");
            if (capacity < 1 || capacity > ArenaRules.MAX_PLAYERS) {
                throw new IllegalArgumentException("capacity must be 1.." + ArenaRules.MAX_PLAYERS + ", was " + capacity);
            }
        }
    }

    private final Settings settings;
    private final LobbyClient lobby;
    private final IceUdpMux mux;
    private final WebRtcTransport transport;
    private final ArenaHost arena;
    private final SeatVerifier seats;
    /** The latest registration: a re-registration after a heartbeat timeout replaces it. */
    private final AtomicReference<HostRegistration> registration;
    private final String advertisedAddress;
    private long nextHousekeepingNs;
    private volatile long inputsApplied;
    private volatile boolean closed;

    private LobbyHost(Settings settings, LobbyClient lobby, IceUdpMux mux, WebRtcTransport transport, ArenaHost arena,
                      SeatVerifier seats, AtomicReference<HostRegistration> registration, String advertisedAddress) {
        this.settings = settings;
        this.lobby = lobby;
        this.mux = mux;
        this.transport = transport;
        this.arena = arena;
        this.seats = seats;
        this.registration = registration;
        this.advertisedAddress = advertisedAddress;
    }

    /**
     * Logs in, binds the UDP port, starts accepting and registers; blocks up to 30 s per lobby step.
     *
     * @throws Exception when the lobby refuses the login (wrong host secret), cannot be reached, or
     *         the UDP port cannot be bound; nothing is left open then
     */
    public static LobbyHost start(Settings settings) throws Exception {
        SeatVerifier seats = new SeatVerifier(Clock.systemUTC()::millis);
        AtomicReference<HostRegistration> current = new AtomicReference<>();
        LobbySignaling signaling = new LobbySignaling();
        LobbyListener events = new LobbyListener() {
            @Override
            public void onSeatReservation(SeatReservation reservation) {
                seats.reserve(reservation);
                LOG.info("match {} placed here: {} seats", reservation.matchId(), reservation.seats().size());
            }

            /*
             * The lobby client registered this host again by itself. After a heartbeat timeout
             * the lobby hands out a new host id and join key and signs every new seat's token with
             * it: the verifier must switch, or every player matched from now on is refused.
             */
            @Override
            public void onHostRegistered(HostRegistration registration) {
                HostRegistration before = current.getAndSet(registration);
                seats.registered(registration.verifier(Clock.systemUTC()));
                if (before == null || !before.hostId().equals(registration.hostId())) {
                    LOG.info("registered with the lobby again as {} (the previous registration {} had timed out)",
                            registration.hostId(), before == null ? "-" : before.hostId());
                }
            }

            @Override
            public void onDisconnected(int closeCode, String reason, boolean willReconnect) {
                LOG.warn("lobby connection lost ({} {}){}", closeCode, reason, willReconnect ? "; reconnecting" : "");
            }
        };
        Map<String, String> login = new LinkedHashMap<>();
        login.put("method", "host");
        login.put("secret", settings.hostSecret());
        login.put("name", settings.name());
        LobbyClient lobby = LobbyClient.connect(settings.lobby(), login, signaling.wrap(events)).get(30, TimeUnit.SECONDS);
        IceUdpMux mux = null;
        WebRtcTransport transport = null;
        ArenaHost arena = null;
        try {
            signaling.attach(lobby);
            PeerConnectionConfig pc = settings.peerConnection();
            mux = IceUdpMux.bind(pc.eventLoopGroup(), settings.udpBind(), settings.capacity() * 2, pc.datagramChannelClass());
            transport = WebRtcTransport.create(signaling, WebRtcTransportConfig.builder()
                    .peerConnection(pc).udpMux(mux).maxConnections(settings.capacity() * 2).build());
            arena = new ArenaHost(transport, settings.seed(), settings.name()).joinVerifier(seats);
            arena.bind(lobby.userId());
            String address = advertised(pc, mux.localAddress());
            ArenaHost counted = arena;
            HostRegistration registration = lobby.registerHost(settings.region(), settings.capacity(), address,
                    counted::playerCount).get(30, TimeUnit.SECONDS);
            // A re-registration may already have replaced it (the lobby dropped us within the 30 s).
            if (current.compareAndSet(null, registration)) {
                seats.registered(registration.verifier(Clock.systemUTC()));
            }
            LOG.info("registered with the lobby as {} (region {}, capacity {}, UDP {})", registration.hostId(),
                    settings.region(), settings.capacity(), address);
            return new LobbyHost(settings, lobby, mux, transport, arena, seats, current, address);
        } catch (Exception | Error e) {
            if (arena != null) {
                arena.close();
            }
            if (transport != null) {
                transport.close();
            }
            if (mux != null) {
                mux.close();
            }
            lobby.close();
            throw e;
        }
    }

    /** {@code ip:port} players reach: the first advertised ICE host address, else the bound one. */
    private static String advertised(PeerConnectionConfig pc, InetSocketAddress bound) {
        InetAddress ip = pc.ice().hostAddresses().isEmpty() ? bound.getAddress() : pc.ice().hostAddresses().get(0);
        String host = ip.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    /** Host thread: runs the arena (callbacks, ticks, snapshots) and, once a second, releases finished matches. */
    public void update(long nowNs) {
        arena.update(nowNs);
        if (nowNs - nextHousekeepingNs >= 0) {
            nextHousekeepingNs = nowNs + HOUSEKEEPING_NS;
            long applied = 0;
            for (var buffer : arena.inputs().buffers().values()) {
                applied += buffer.inputsApplied();
            }
            inputsApplied = applied;
            for (String matchId : seats.finishedMatches()) {
                lobby.releaseMatch(matchId).whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.debug("releasing match {} failed: {}", matchId, e.toString());
                    } else {
                        LOG.info("match {} over; its seats are free again", matchId);
                    }
                });
            }
        }
    }

    /** Client inputs the current players' buffers applied to the world, updated once a second; any thread. */
    public long inputsApplied() {
        return inputsApplied;
    }

    public ArenaHost arena() {
        return arena;
    }

    /** The current registration (host id and join key change if the lobby dropped this host after a timeout). */
    public HostRegistration registration() {
        return registration.get();
    }

    /** The UDP address every player's connection uses. */
    public InetSocketAddress udpAddress() {
        return mux.localAddress();
    }

    /** The {@code ip:port} registered with the lobby. */
    public String advertisedAddress() {
        return advertisedAddress;
    }

    /** The host's lobby user id: the transport address players connect to. */
    public String peerId() {
        return lobby.userId();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Leaves the lobby's registry first (no new matches are placed here), then closes the arena,
     * the transport, the UDP port and the lobby session. Idempotent; waits up to 5 s for the lobby.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lobby.unregisterHost().get(5, TimeUnit.SECONDS);
            LOG.info("unregistered {} from the lobby", registration.get().hostId());
        } catch (Exception e) {
            LOG.warn("could not unregister from the lobby (it drops this host after the heartbeat timeout): {}", e.toString());
        }
        arena.close();
        transport.close();
        mux.close();
        lobby.close();
    }
}
