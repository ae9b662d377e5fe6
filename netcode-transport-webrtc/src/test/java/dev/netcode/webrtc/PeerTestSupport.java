package dev.netcode.webrtc;

import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.ice.IceConnectionState;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Loopback configurations, signaling between two Java peers, and a state recorder. */
final class PeerTestSupport {
    private PeerTestSupport() {
    }

    /** Loopback-only ICE with test-friendly timers, seeded randomness. */
    static PeerConnectionConfig.Builder loopback(Random random) {
        IceConfig ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .checkRtoMs(100)
                .nominationDelayMs(20)
                .consentIntervalMs(500)
                .disconnectedTimeoutMs(3000)
                .failedTimeoutMs(10_000)
                .checkingTimeoutMs(20_000)
                .build();
        return PeerConnectionConfig.builder().ice(ice).random(new Random(random.nextLong()));
    }

    /** Trickle signaling: candidates flow as gathered, descriptions without waiting. */
    static void signalTrickle(PeerConnection offerer, PeerConnection answerer) throws Exception {
        SessionDescriptionInit offer = offerer.createOffer().get(5, TimeUnit.SECONDS);
        offerer.setLocalDescription(offer).get(5, TimeUnit.SECONDS);
        answerer.setRemoteDescription(offer).get(5, TimeUnit.SECONDS);
        SessionDescriptionInit answer = answerer.createAnswer().get(5, TimeUnit.SECONDS);
        answerer.setLocalDescription(answer).get(5, TimeUnit.SECONDS);
        offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
    }

    /** Non-trickle signaling: each description waits for gathering and carries every candidate. */
    static void signalComplete(PeerConnection offerer, PeerConnection answerer) throws Exception {
        offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
        SessionDescriptionInit offer = offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
        answerer.setRemoteDescription(offer).get(5, TimeUnit.SECONDS);
        answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
        SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
        offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
    }

    /** Forwards local candidates of {@code from} to {@code to} once {@code to} has a remote description. */
    static final class TrickleForwarder implements PeerConnectionListener {
        private final List<IceCandidateInit> pending = new CopyOnWriteArrayList<>();
        private volatile PeerConnection target;

        @Override
        public void onIceCandidate(IceCandidateInit candidate) {
            PeerConnection t = target;
            if (t == null) {
                pending.add(candidate);
            } else {
                t.addIceCandidate(candidate);
            }
        }

        /** Call after {@code to.setRemoteDescription}: flushes what was gathered meanwhile. */
        void attach(PeerConnection to) {
            target = to;
            for (IceCandidateInit c : pending) {
                to.addIceCandidate(c);
            }
            pending.clear();
        }
    }

    /** Records every state change with its time. */
    static final class StateRecorder implements PeerConnectionListener {
        final List<PeerConnectionState> states = new CopyOnWriteArrayList<>();
        final List<Long> timesNs = new CopyOnWriteArrayList<>();
        final List<IceConnectionState> iceStates = new CopyOnWriteArrayList<>();
        final List<IceCandidateInit> candidates = new CopyOnWriteArrayList<>();

        @Override
        public void onConnectionStateChange(PeerConnectionState previous, PeerConnectionState current) {
            states.add(current);
            timesNs.add(System.nanoTime());
        }

        @Override
        public void onIceConnectionStateChange(IceConnectionState previous, IceConnectionState current) {
            iceStates.add(current);
        }

        @Override
        public void onIceCandidate(IceCandidateInit candidate) {
            candidates.add(candidate);
        }

        long timeOf(PeerConnectionState s) {
            int i = states.indexOf(s);
            return i < 0 ? -1 : timesNs.get(i);
        }
    }
}
