package dev.netcode.bench.webrtc;

import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.SessionDescriptionInit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
        String error = signal(pc, url, deadlineNs, answerAppliedMs);
        if (error != null) {
            return result(pc, answerAppliedMs[0], error);
        }
        return result(pc, answerAppliedMs[0], awaitConnected(pc, deadlineNs, timeout));
    }

    /** Null once connected, else why not. */
    private static String awaitConnected(PeerConnection pc, long deadlineNs, Duration timeout) throws InterruptedException {
        try {
            pc.connected().get(remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "timed out after " + timeout.toMillis() + " ms in state " + pc.connectionState()
                    + " (ICE " + pc.iceConnectionState() + ", DTLS " + pc.dtlsState() + ")";
        }
    }

    /**
     * Offer, POST, apply the answer. Returns null when both descriptions are applied, else why not;
     * {@code answerAppliedMs[0]} gets the connection's clock when the answer was applied.
     */
    private static String signal(PeerConnection pc, URI url, long deadlineNs, long[] answerAppliedMs)
            throws InterruptedException {
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
                return "signaling server answered HTTP " + response.statusCode() + ": " + abbreviate(response.body());
            }
            Map<String, String> answer;
            try {
                answer = SignalingJson.parseFlatObject(response.body());
            } catch (IllegalArgumentException e) {
                return "signaling server sent bad JSON: " + e.getMessage();
            }
            if (!"answer".equals(answer.get("type")) || answer.get("sdp") == null) {
                return "signaling server sent no answer: " + abbreviate(response.body());
            }
            // Times of the connection are relative to its creation; so is this one (same clock).
            answerAppliedMs[0] = pc.millisSinceCreation();
            pc.setRemoteDescription(SessionDescriptionInit.answer(answer.get("sdp"))).get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "timed out in state " + pc.connectionState() + " (ICE " + pc.iceConnectionState() + ", DTLS "
                    + pc.dtlsState() + ")";
        } catch (java.io.IOException e) {
            return "signaling request failed: " + e;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * What {@code echo-peer dial} does with the channels: their specs, how many messages of which
     * sizes on each, the echo window of reliable channels and the overall time limit.
     */
    public record Plan(List<EchoPeerChannelSpec> channels, int messages, int[] sizes, int windowMessages,
            long windowBytes, Duration timeout) {
        public Plan {
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("at least one channel");
            }
            if (messages < 0 || sizes.length == 0 || windowMessages < 1 || windowBytes < 1) {
                throw new IllegalArgumentException("need messages >= 0, sizes, window >= 1");
            }
            for (int s : sizes) {
                if (s < 0) {
                    throw new IllegalArgumentException("negative size " + s);
                }
            }
            channels = List.copyOf(channels);
            sizes = sizes.clone();
        }
    }

    /**
     * Connects to {@code url}, opens the plan's channels, sends and checks the echoes, closes the
     * connection, and sums it up. Never throws for a network or peer problem: that is
     * {@code ok=false} with an {@code error}.
     */
    public static EchoReport run(URI url, PeerConnectionConfig config, Plan plan) throws InterruptedException {
        long startNs = System.nanoTime();
        long deadlineNs = startNs + plan.timeout().toNanos();
        PeerConnection pc = PeerConnection.create(config);
        List<EchoPeerChannelRun> runs = new ArrayList<>();
        try {
            long[] answerAppliedMs = {-1};
            String error = signal(pc, url, deadlineNs, answerAppliedMs);
            if (error == null) {
                try {
                    pc.eventLoop().submit(() -> {
                        for (EchoPeerChannelSpec spec : plan.channels()) {
                            EchoPeerChannelRun r = new EchoPeerChannelRun(spec, pc.eventLoop(), plan.messages(), plan.sizes(),
                                    plan.windowMessages(), plan.windowBytes());
                            runs.add(r);
                            pc.createDataChannel(spec.label(), spec.parameters()).setListener(r);
                        }
                    }).get(5, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    error = "cannot create channels: " + cause;
                }
            }
            if (error == null) {
                error = awaitConnected(pc, deadlineNs, plan.timeout());
            }
            if (error == null) {
                try {
                    CompletableFuture.allOf(runs.stream().map(r -> r.done).toArray(CompletableFuture[]::new))
                            .get(remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    error = String.valueOf(e.getCause());
                } catch (TimeoutException e) {
                    error = "timed out after " + plan.timeout().toMillis() + " ms";
                }
            }
            String why = error;
            try {
                // Read the counters on the loop that writes them.
                return pc.eventLoop().submit(() -> EchoReport.of(runs, startNs, pc, answerAppliedMs[0], why))
                        .get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return EchoReport.of(List.of(), startNs, pc, answerAppliedMs[0], why != null ? why : "cannot read results: " + e);
            }
        } finally {
            pc.close();
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
