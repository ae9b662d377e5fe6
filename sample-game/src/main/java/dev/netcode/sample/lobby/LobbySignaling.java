package dev.netcode.sample.lobby;

import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.lobby.client.LobbyListener;
import dev.netcode.lobby.client.SignalMessage;
import dev.netcode.webrtc.transport.WebRtcSignaling;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * netcode-lobby's signaling relay as the {@link WebRtcSignaling} a
 * {@link dev.netcode.webrtc.transport.WebRtcTransport} needs: payloads go to a peer by lobby user
 * id through {@link LobbyClient#signal}, and relayed signals come back through the
 * {@link LobbyListener} this adapter wraps around yours.
 *
 * <pre>{@code
 * LobbySignaling signaling = new LobbySignaling();
 * LobbyClient lobby = LobbyClient.connect(uri, Map.of("method", "guest"), signaling.wrap(myListener)).join();
 * signaling.attach(lobby);                       // localPeerId() is now the lobby user id
 * WebRtcTransport transport = WebRtcTransport.create(signaling, config);
 * }</pre>
 *
 * <h2>Kinds</h2>
 * The lobby only relays the kinds {@code offer}, {@code answer}, {@code candidate} and {@code bye};
 * the transport's payload is its own small JSON, so the adapter reads its {@code "type"} member to
 * pick the kind (anything unrecognised travels as {@code candidate}). The payload itself is
 * relayed untouched.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The lobby relays only between members of the same room or match: join one first (the
 *       matchmaker's match, or a room).</li>
 *   <li>{@link SignalMessage#from()} is set by the lobby, so the sender id cannot be forged.</li>
 *   <li>Signals that arrive before {@link #attach} or before the transport installed its listener
 *       are dropped, as {@link WebRtcSignaling} allows.</li>
 * </ul>
 */
public final class LobbySignaling implements WebRtcSignaling {
    private volatile LobbyClient lobby;
    private volatile Listener listener;

    /** Wraps the game's lobby listener: signals go to the transport, everything reaches {@code game}. */
    public LobbyListener wrap(LobbyListener game) {
        Objects.requireNonNull(game, "game");
        LobbySignaling self = this;
        return new LobbyListener() {
            @Override
            public void onRoomUpdated(dev.netcode.lobby.client.RoomInfo room) {
                game.onRoomUpdated(room);
            }

            @Override
            public void onKicked(String roomId, String byUserId) {
                game.onKicked(roomId, byUserId);
            }

            @Override
            public void onSignal(SignalMessage signal) {
                Listener l = self.listener;
                if (l != null && signal.from() != null && signal.payload() != null) {
                    l.onSignal(signal.from(), signal.payload());
                }
                game.onSignal(signal);
            }

            @Override
            public void onMatchFound(dev.netcode.lobby.client.MatchInfo match) {
                game.onMatchFound(match);
            }

            @Override
            public void onQueueLeft(String reason, String byUserId) {
                game.onQueueLeft(reason, byUserId);
            }

            @Override
            public void onSeatReservation(dev.netcode.lobby.client.SeatReservation reservation) {
                game.onSeatReservation(reservation);
            }

            @Override
            public void onError(String code, String message) {
                game.onError(code, message);
            }

            @Override
            public void onDisconnected(int closeCode, String reason, boolean willReconnect) {
                game.onDisconnected(closeCode, reason, willReconnect);
            }

            @Override
            public void onReconnected(dev.netcode.lobby.client.RoomInfo room) {
                game.onReconnected(room);
            }

            @Override
            public void onHostRegistered(dev.netcode.lobby.client.HostRegistration registration) {
                game.onHostRegistered(registration);
            }
        };
    }

    /** Binds the connected lobby client; its user id becomes {@link #localPeerId()}. */
    public LobbySignaling attach(LobbyClient client) {
        this.lobby = Objects.requireNonNull(client, "client");
        return this;
    }

    @Override
    public String localPeerId() {
        LobbyClient l = lobby;
        if (l == null) {
            throw new IllegalStateException("attach(lobbyClient) first");
        }
        return l.userId();
    }

    @Override
    public CompletableFuture<Void> send(String toPeerId, String payload) {
        LobbyClient l = lobby;
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("attach(lobbyClient) first"));
        }
        return l.signal(toPeerId, kindOf(payload), payload);
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** The lobby kind for a transport payload, from its {@code "type"} member. */
    static String kindOf(String payload) {
        int i = payload.indexOf("\"type\":\"");
        if (i >= 0) {
            int start = i + 8;
            for (String kind : new String[] {"offer", "answer", "candidate", "bye"}) {
                if (payload.startsWith(kind + "\"", start)) {
                    return kind;
                }
            }
        }
        return "candidate";
    }
}
