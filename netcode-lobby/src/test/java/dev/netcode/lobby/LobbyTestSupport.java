package dev.netcode.lobby;

import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyListener;
import dev.netcode.lobby.client.MatchInfo;
import dev.netcode.lobby.client.RoomInfo;
import dev.netcode.lobby.client.SeatReservation;
import dev.netcode.lobby.client.SignalMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Starts real lobby servers on port 0 and real Java clients against them; closes everything after. */
class LobbyTestSupport implements AutoCloseable {
    static final String HOST_SECRET = "test-host-secret";
    private final List<AutoCloseable> closeables = new ArrayList<>();

    LobbyServer server(LobbyConfig.Builder builder) throws InterruptedException {
        LobbyServer server = LobbyServer.start(builder.bindAddress("127.0.0.1").port(0)
                .authenticator(new GuestAuthenticator(HOST_SECRET)).build());
        closeables.add(server);
        return server;
    }

    Player player(LobbyServer server, String name) {
        return connect(server.httpUri(), Map.of("method", "guest", "name", name));
    }

    Player host(LobbyServer server, String name) {
        return connect(server.httpUri(), Map.of("method", "host", "name", name, "secret", HOST_SECRET));
    }

    Player connect(URI uri, Map<String, String> login) {
        return connect(List.of(uri), login);
    }

    Player connect(List<URI> nodes, Map<String, String> login) {
        Recorder recorder = new Recorder();
        LobbyClient client = LobbyClient.connect(nodes, login, recorder).orTimeout(30, TimeUnit.SECONDS).join();
        closeables.add(0, client);
        return new Player(client, recorder);
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(0, closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    record Player(LobbyClient client, Recorder events) {
        String id() {
            return client.userId();
        }
    }

    /** Records every event for assertions. */
    static final class Recorder implements LobbyListener {
        final BlockingQueue<RoomInfo> rooms = new LinkedBlockingQueue<>();
        final BlockingQueue<SignalMessage> signals = new LinkedBlockingQueue<>();
        final BlockingQueue<MatchInfo> matches = new LinkedBlockingQueue<>();
        final BlockingQueue<SeatReservation> reservations = new LinkedBlockingQueue<>();
        final BlockingQueue<String> kicked = new LinkedBlockingQueue<>();
        final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> disconnects = new LinkedBlockingQueue<>();
        final BlockingQueue<java.util.Optional<RoomInfo>> reconnects = new LinkedBlockingQueue<>();
        final BlockingQueue<dev.netcode.lobby.client.HostRegistration> hostRegistrations = new LinkedBlockingQueue<>();

        @Override public void onRoomUpdated(RoomInfo room) { rooms.add(room); }
        @Override public void onSignal(SignalMessage signal) { signals.add(signal); }
        @Override public void onMatchFound(MatchInfo match) { matches.add(match); }
        @Override public void onSeatReservation(SeatReservation reservation) { reservations.add(reservation); }
        @Override public void onKicked(String roomId, String byUserId) { kicked.add(roomId); }
        @Override public void onError(String code, String message) { errors.add(code); }
        @Override public void onDisconnected(int closeCode, String reason, boolean willReconnect) { disconnects.add(closeCode); }
        @Override public void onReconnected(RoomInfo room) { reconnects.add(java.util.Optional.ofNullable(room)); }
        @Override public void onHostRegistered(dev.netcode.lobby.client.HostRegistration r) { hostRegistrations.add(r); }

        static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
            T value = queue.poll(30, TimeUnit.SECONDS);
            if (value == null) {
                throw new AssertionError("no event within 30 s");
            }
            return value;
        }
    }
}
