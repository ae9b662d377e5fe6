package dev.netcode.webrtc.ice;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** Shared helpers for agent tests: loopback configs, candidate exchange, state and data recorders. */
final class IceTestSupport {
    private IceTestSupport() {
    }

    static IceConfig.Builder loopbackConfig(Random random) {
        return IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(random)
                .checkRtoMs(100)
                .maxCheckRetransmits(5)
                .nominationDelayMs(50)
                .consentIntervalMs(500)
                .disconnectedTimeoutMs(3000)
                .failedTimeoutMs(10000)
                .checkingTimeoutMs(20000);
    }

    /** Records states and data of one agent. */
    static final class Recorder implements IceAgentListener {
        final List<IceConnectionState> states = new CopyOnWriteArrayList<>();
        final List<Long> stateTimesNs = new CopyOnWriteArrayList<>();
        final List<IceCandidate> localCandidates = new CopyOnWriteArrayList<>();
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile IceCandidate selectedRemote;

        Recorder attach(IceAgent agent) {
            agent.addListener(this);
            agent.setReceiver(buf -> received.add(buf.toString(StandardCharsets.UTF_8)));
            return this;
        }

        @Override
        public void onStateChange(IceConnectionState previous, IceConnectionState current) {
            states.add(current);
            stateTimesNs.add(System.nanoTime());
        }

        @Override
        public void onLocalCandidate(IceCandidate candidate) {
            localCandidates.add(candidate);
        }

        @Override
        public void onSelectedPair(IceCandidate local, IceCandidate remote) {
            selectedRemote = remote;
        }

        boolean everConnected() {
            return states.stream().anyMatch(IceConnectionState::isConnected);
        }
    }

    /** A datagram that DTLS would send: first byte 23 (application data), outside the STUN range. */
    static ByteBuf appData(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.buffer(body.length + 1);
        buf.writeByte(23);
        buf.writeBytes(body);
        return buf;
    }

    static String appText(String text) {
        return (char) 23 + text;
    }

    /** Non-trickle: gather both, exchange every candidate and end-of-candidates, then start both. */
    static void connectNonTrickle(IceAgent a, IceAgent b) {
        List<IceCandidate> ca = a.gather().join();
        List<IceCandidate> cb = b.gather().join();
        a.setRemoteCredentials(b.localCredentials().ufrag(), b.localCredentials().password());
        b.setRemoteCredentials(a.localCredentials().ufrag(), a.localCredentials().password());
        a.setRemoteLite(b.isLite());
        b.setRemoteLite(a.isLite());
        cb.forEach(a::addRemoteCandidate);
        ca.forEach(b::addRemoteCandidate);
        a.endOfRemoteCandidates();
        b.endOfRemoteCandidates();
        a.start();
        b.start();
    }

    /** Trickle: credentials first, start both, then candidates flow one by one as they are gathered. */
    static void connectTrickle(IceAgent a, IceAgent b) {
        a.setRemoteCredentials(b.localCredentials().ufrag(), b.localCredentials().password());
        b.setRemoteCredentials(a.localCredentials().ufrag(), a.localCredentials().password());
        a.addListener(forwarder(b));
        b.addListener(forwarder(a));
        a.start();
        b.start();
        a.gather();
        b.gather();
    }

    private static IceAgentListener forwarder(IceAgent to) {
        return new IceAgentListener() {
            @Override
            public void onLocalCandidate(IceCandidate candidate) {
                // Through the SDP string form, as a signaling channel would carry it.
                try {
                    to.addRemoteCandidate(candidate.toSdpValue());
                } catch (IceCandidateParseException e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public void onGatheringComplete(List<IceCandidate> all) {
                to.endOfRemoteCandidates();
            }
        };
    }

    static String text(String s) {
        return s;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
