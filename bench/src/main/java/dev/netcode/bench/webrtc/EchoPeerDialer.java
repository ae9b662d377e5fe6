package dev.netcode.bench.webrtc;

import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.SessionDescriptionInit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The offering side of the webrtc-echoes contract: makes an offer with every candidate, posts it,
 * applies the answer and waits until ICE and DTLS are connected.
 */
public final class EchoPeerDialer {
    private EchoPeerDialer() {
    }

    /**
     * Outcome of one dial; -1 for what was not reached.
     *
     * @param iceMs   from applying the answer to ICE connected (the network part of ICE)
     * @param dtlsMs  from applying the answer to DTLS connected (so it includes {@code iceMs})
     * @param setupMs from creating the connection (before the offer) to DTLS connected, signaling included
     * @param error   null when ok, else a one-line reason
     */
    public record Result(boolean ok, long iceMs, long dtlsMs, long setupMs, String error) {
        /** The final one-line JSON summary. */
        public String toJson() {
            return "{\"ok\":" + ok + ",\"ice_ms\":" + iceMs + ",\"dtls_ms\":" + dtlsMs + ",\"setup_ms\":" + setupMs
                    + ",\"error\":" + (error == null ? "null" : SignalingJson.quote(error)) + "}";
        }
    }

    /** Dials {@code url} and closes the connection before returning. */
    public static Result dial(URI url, PeerConnectionConfig config, Duration timeout) throws InterruptedException {
        PeerConnection pc = PeerConnection.create(config);
        try {
            return dial(pc, url, timeout);
        } finally {
            pc.close();
        }
    }

    /** Dials with a connection the caller owns (and closes). */
    public static Result dial(PeerConnection pc, URI url, Duration timeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        long[] answerAppliedMs = {-1};
        try {
            pc.setLocalDescription(pc.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = pc.localDescriptionWithAllCandidates().get(remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(remainingMs(deadlineNs))).build();
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofMillis(remainingMs(deadlineNs)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(SignalingJson.description("offer", offer.sdp())))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return result(pc, answerAppliedMs[0], "signaling server answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            Map<String, String> answer;
            try {
                answer = SignalingJson.parseFlatObject(response.body());
            } catch (IllegalArgumentException e) {
                return result(pc, answerAppliedMs[0], "signaling server sent bad JSON: " + e.getMessage());
            }
            if (!"answer".equals(answer.get("type")) || answer.get("sdp") == null) {
                return result(pc, answerAppliedMs[0], "signaling server sent no answer: " + abbreviate(response.body()));
            }
            // Times of the connection are relative to its creation; so is this one (same clock).
            answerAppliedMs[0] = pc.millisSinceCreation();
            pc.setRemoteDescription(SessionDescriptionInit.answer(answer.get("sdp"))).get(5, TimeUnit.SECONDS);
            pc.connected().get(remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
            return result(pc, answerAppliedMs[0], null);
        } catch (ExecutionException e) {
            return result(pc, answerAppliedMs[0], e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return result(pc, answerAppliedMs[0], "timed out after " + timeout.toMillis() + " ms in state " + pc.connectionState()
                    + " (ICE " + pc.iceConnectionState() + ", DTLS " + pc.dtlsState() + ")");
        } catch (java.io.IOException e) {
            return result(pc, answerAppliedMs[0], "signaling request failed: " + e);
        } catch (IllegalArgumentException e) {
            return result(pc, answerAppliedMs[0], e.getMessage());
        }
    }

    private static Result result(PeerConnection pc, long answerAppliedMs, String why) {
        long ice = pc.iceConnectedMs();
        long dtls = pc.dtlsConnectedMs();
        return new Result(why == null,
                ice < 0 || answerAppliedMs < 0 ? -1 : Math.max(0, ice - answerAppliedMs),
                dtls < 0 || answerAppliedMs < 0 ? -1 : Math.max(0, dtls - answerAppliedMs),
                dtls, why);
    }

    private static long remainingMs(long deadlineNs) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }
}
