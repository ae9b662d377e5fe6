package dev.netcode.lobby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netcode.lobby.client.LobbyClient;
import dev.netcode.webrtc.IceCandidateInit;
import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.PeerConnectionListener;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.ice.IceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A WebRTC endpoint whose only signaling is a {@link LobbyClient}'s opaque channel:
 * {@link LobbyClient#sendSignal} out and a {@link dev.netcode.lobby.client.SignalListener} in, the
 * shape a game's signaling SPI adapts. Payloads are this endpoint's own JSON:
 * {@code {"t":"offer"|"answer","sdp":...}} and {@code {"t":"candidate","c":...,"mid":...}} (trickle).
 *
 * <p>Signaling work runs on one thread of its own (like a game thread), so it may {@code join()}
 * the peer connection's futures without blocking the lobby client's I/O thread or a Netty loop.
 * Candidates that arrive before the remote description (trickle races the offer through the
 * lobby) are buffered per peer.
 */
final class LobbySignaledPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LobbyClient lobby;
    private final Random random;
    private final ExecutorService signalingThread;
    private final Map<String, Remote> remotes = new ConcurrentHashMap<>();
    private final List<String> signalingErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Predicate<String> admit = from -> false;
    private volatile BiFunction<String, DataChannel, DataChannelListener> channelHandler;

    /** State of the connection with one remote user id. */
    private static final class Remote {
        PeerConnection pc;
        boolean remoteDescriptionSet;
        final List<IceCandidateInit> earlyCandidates = new ArrayList<>();
        CompletableFuture<OpenChannel> opened;
        DataChannelListener offererChannelListener;
    }

    LobbySignaledPeer(LobbyClient lobby, long seed) {
        this.lobby = lobby;
        this.random = new Random(seed);
        String name = "signaling-" + lobby.userId();
        this.signalingThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        lobby.setSignalListener((from, payload) -> signalingThread.execute(() -> onSignal(from, payload)));
    }

    /**
     * Answers offers from users {@code admit} accepts; every data channel they open is handed to
     * {@code handler(fromUserId, channel)} for its listener.
     */
    void acceptOffers(Predicate<String> admit, BiFunction<String, DataChannel, DataChannelListener> handler) {
        this.channelHandler = handler;
        this.admit = admit;
    }

    /**
     * Offers a connection to {@code remoteUserId} through the lobby and opens one reliable data
     * channel with {@code listener}; completes with the channel once it is open.
     */
    CompletableFuture<OpenChannel> connect(String remoteUserId, DataChannelListener listener) {
        CompletableFuture<OpenChannel> opened = new CompletableFuture<>();
        signalingThread.execute(() -> {
            try {
                Remote remote = remotes.computeIfAbsent(remoteUserId, k -> new Remote());
                remote.opened = opened;
                remote.offererChannelListener = listener;
                remote.pc = PeerConnection.create(loopbackConfig(), trickleTo(remoteUserId));
                SessionDescriptionInit offer = remote.pc.createOffer().get(10, TimeUnit.SECONDS);
                remote.pc.setLocalDescription(offer).get(10, TimeUnit.SECONDS);
                send(remoteUserId, JSON.createObjectNode().put("t", "offer").put("sdp", offer.sdp()));
            } catch (Exception e) {
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }

    /** An open data channel and the connection whose event loop its methods must run on. */
    record OpenChannel(PeerConnection pc, DataChannel channel) {
        void send(String message) {
            pc.eventLoop().execute(() -> channel.send(message));
        }
    }

    /** Descriptions or candidates this endpoint could not apply (should stay empty). */
    List<String> signalingErrors() {
        return signalingErrors;
    }

    private void onSignal(String from, String payload) {
        JsonNode msg;
        try {
            msg = JSON.readTree(payload);
        } catch (IOException e) {
            signalingErrors.add("bad JSON from " + from);
            return;
        }
        try {
            switch (msg.path("t").asText()) {
                case "offer" -> onOffer(from, msg.path("sdp").asText());
                case "answer" -> onAnswer(from, msg.path("sdp").asText());
                case "candidate" -> onCandidate(from, IceCandidateInit.of(msg.path("c").asText(), msg.path("mid").asText(null)));
                default -> signalingErrors.add("unknown signal from " + from + ": " + payload);
            }
        } catch (Exception e) {
            signalingErrors.add(from + ": " + e);
        }
    }

    private void onOffer(String from, String sdp) throws Exception {
        if (!admit.test(from)) {
            signalingErrors.add("offer from unexpected user " + from);
            return;
        }
        Remote remote = remotes.computeIfAbsent(from, k -> new Remote());
        BiFunction<String, DataChannel, DataChannelListener> handler = channelHandler;
        remote.pc = PeerConnection.create(loopbackConfig(), trickleTo(from));
        remote.pc.addListener(new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                channel.setListener(handler.apply(from, channel));
            }
        });
        remote.pc.setRemoteDescription(SessionDescriptionInit.offer(sdp)).get(10, TimeUnit.SECONDS);
        remoteDescriptionApplied(remote);
        SessionDescriptionInit answer = remote.pc.createAnswer().get(10, TimeUnit.SECONDS);
        remote.pc.setLocalDescription(answer).get(10, TimeUnit.SECONDS);
        send(from, JSON.createObjectNode().put("t", "answer").put("sdp", answer.sdp()));
    }

    private void onAnswer(String from, String sdp) throws Exception {
        Remote remote = remotes.get(from);
        if (remote == null || remote.pc == null || remote.opened == null) {
            signalingErrors.add("answer without an offer from " + from);
            return;
        }
        remote.pc.setRemoteDescription(SessionDescriptionInit.answer(sdp)).get(10, TimeUnit.SECONDS);
        remoteDescriptionApplied(remote);
        // Both descriptions are applied now, so the DTLS role (and the stream id parity) is known.
        DataChannelListener user = remote.offererChannelListener;
        CompletableFuture<OpenChannel> opened = remote.opened;
        PeerConnection pc = remote.pc;
        // Created and given its listener in one task on the connection's loop: no event can slip in between.
        pc.eventLoop().submit(() -> pc.createDataChannel("game", DataChannelParameters.DEFAULT)
                .setListener(new DataChannelListener() {
                    @Override
                    public void onOpen(DataChannel c) {
                        user.onOpen(c);
                        opened.complete(new OpenChannel(pc, c));
                    }

                    @Override
                    public void onStringMessage(DataChannel c, String message) {
                        user.onStringMessage(c, message);
                    }

                    @Override
                    public void onClose(DataChannel c) {
                        opened.completeExceptionally(new IllegalStateException("channel closed before it opened"));
                        user.onClose(c);
                    }
                })).get(10, TimeUnit.SECONDS);
    }

    private void onCandidate(String from, IceCandidateInit candidate) throws Exception {
        Remote remote = remotes.computeIfAbsent(from, k -> new Remote());
        if (!remote.remoteDescriptionSet) {
            remote.earlyCandidates.add(candidate);
            return;
        }
        remote.pc.addIceCandidate(candidate).get(10, TimeUnit.SECONDS);
    }

    private void remoteDescriptionApplied(Remote remote) throws Exception {
        remote.remoteDescriptionSet = true;
        for (IceCandidateInit c : remote.earlyCandidates) {
            remote.pc.addIceCandidate(c).get(10, TimeUnit.SECONDS);
        }
        remote.earlyCandidates.clear();
    }

    /** Sends each gathered local candidate (and the end-of-candidates marker) through the lobby. */
    private PeerConnectionListener trickleTo(String remoteUserId) {
        return new PeerConnectionListener() {
            @Override
            public void onIceCandidate(IceCandidateInit candidate) {
                ObjectNode m = JSON.createObjectNode().put("t", "candidate").put("c", candidate.candidate());
                if (candidate.sdpMid() != null) {
                    m.put("mid", candidate.sdpMid());
                }
                send(remoteUserId, m);
            }
        };
    }

    private void send(String to, ObjectNode message) {
        lobby.sendSignal(to, message.toString()).whenComplete((ok, e) -> {
            if (e != null) {
                signalingErrors.add("sendSignal to " + to + " failed: " + e);
            }
        });
    }

    private PeerConnectionConfig loopbackConfig() {
        IceConfig ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .checkRtoMs(100)
                .nominationDelayMs(20)
                .consentIntervalMs(500)
                .disconnectedTimeoutMs(5_000)
                .failedTimeoutMs(15_000)
                .checkingTimeoutMs(30_000)
                .build();
        return PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong())).build();
    }

    @Override
    public void close() {
        lobby.setSignalListener(null);
        signalingThread.shutdownNow();
        for (Remote remote : remotes.values()) {
            if (remote.pc != null) {
                remote.pc.close();
            }
        }
    }
}
