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
     * Outcome of one dial. Times are from the offer's creation; -1 when not reached.
     *
     * @param error null when ok, else a one-line reason
     */
    public record Result(boolean ok, long iceMs, long dtlsMs, String error) {
        /** The final one-line JSON summary. */
        public String toJson() {
            return "{\"ok\":" + ok + ",\"ice_ms\":" + iceMs + ",\"dtls_ms\":" + dtlsMs + ",\"setup_ms\":" + dtlsMs
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
                return failed(pc, "signaling server answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            Map<String, String> answer;
            try {
                answer = SignalingJson.parseFlatObject(response.body());
            } catch (IllegalArgumentException e) {
                return failed(pc, "signaling server sent bad JSON: " + e.getMessage());
            }
            if (!"answer".equals(answer.get("type")) || answer.get("sdp") == null) {
                return failed(pc, "signaling server sent no answer: " + abbreviate(response.body()));
            }
            pc.setRemoteDescription(SessionDescriptionInit.answer(answer.get("sdp"))).get(5, TimeUnit.SECONDS);
            pc.connected().get(remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
            return new Result(true, pc.iceConnectedMs(), pc.dtlsConnectedMs(), null);
        } catch (ExecutionException e) {
            return failed(pc, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return failed(pc, "timed out after " + timeout.toMillis() + " ms in state " + pc.connectionState()
                    + " (ICE " + pc.iceConnectionState() + ", DTLS " + pc.dtlsState() + ")");
        } catch (java.io.IOException e) {
            return failed(pc, "signaling request failed: " + e);
        } catch (IllegalArgumentException e) {
            return failed(pc, e.getMessage());
        }
    }

    private static Result failed(PeerConnection pc, String why) {
        return new Result(false, pc.iceConnectedMs(), pc.dtlsConnectedMs(), why);
    }

    private static long remainingMs(long deadlineNs) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }
}
