package dev.netcode.bench.webrtc;

import dev.netcode.webrtc.PeerConnection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of {@code echo-peer dial}, printed as its final one-line JSON.
 *
 * @param ok every message on every reliable channel came back intact (and in order when
 *     ordered), no echo anywhere was corrupt, and nothing failed
 * @param sent messages sent, all channels
 * @param echoed echoes that matched a message sent
 * @param mismatched echoes that matched nothing sent, or came out of order on an ordered channel
 * @param lost messages of partially reliable channels that never came back (allowed)
 * @param setupMs from creating the connection to the last channel open (signaling included)
 * @param iceMs from applying the answer to ICE connected, -1 if not reached
 * @param dtlsMs from applying the answer to DTLS connected, -1 if not reached
 * @param throughputMBps echoed payload bytes per second (10^6) from the first send to the last echo
 * @param rttP50Us median send-to-echo time of the messages, µs (includes queueing behind the window)
 * @param rttP99Us 99th percentile of the same
 * @param error null when ok, else the first reason
 */
public record EchoReport(boolean ok, long sent, long echoed, long mismatched, long lost, int channels, long setupMs,
        long iceMs, long dtlsMs, double throughputMBps, long rttP50Us, long rttP99Us, String error) {

    static EchoReport of(List<EchoPeerChannelRun> runs, long startNs, PeerConnection pc, long answerAppliedMs,
            String error) {
        long sent = 0;
        long echoed = 0;
        long mismatched = 0;
        long lost = 0;
        long bytes = 0;
        long firstSend = Long.MAX_VALUE;
        long lastEcho = Long.MIN_VALUE;
        long lastOpen = -1;
        int rtts = 0;
        String why = error;
        for (EchoPeerChannelRun r : runs) {
            sent += r.sent;
            echoed += r.echoed;
            mismatched += r.mismatched;
            lost += r.lost();
            bytes += r.echoedBytes;
            rtts += r.rttCount;
            if (r.openedNs == 0) {
                why = why != null ? why : "channel '" + r.spec.label() + "' never opened";
            } else {
                lastOpen = Math.max(lastOpen, r.openedNs);
            }
            if (r.echoed > 0) {
                firstSend = Math.min(firstSend, r.firstSendNs);
                lastEcho = Math.max(lastEcho, r.lastEchoNs);
            }
            if (why == null && r.error != null) {
                why = r.error;
            }
            if (why == null && r.spec.reliable() && r.echoed != r.sent) {
                why = "channel '" + r.spec.label() + "': " + r.echoed + " of " + r.sent + " echoes";
            }
        }
        long[] all = new long[rtts];
        int k = 0;
        for (EchoPeerChannelRun r : runs) {
            System.arraycopy(r.rttNs, 0, all, k, r.rttCount);
            k += r.rttCount;
        }
        Arrays.sort(all);
        double seconds = lastEcho > firstSend ? (lastEcho - firstSend) / 1e9 : 0;
        long ice = pc.iceConnectedMs();
        long dtls = pc.dtlsConnectedMs();
        if (why == null && mismatched > 0) {
            why = mismatched + " echoes did not match";
        }
        return new EchoReport(why == null, sent, echoed, mismatched, lost, runs.size(),
                lastOpen < 0 ? -1 : (lastOpen - startNs) / 1_000_000,
                ice < 0 || answerAppliedMs < 0 ? -1 : Math.max(0, ice - answerAppliedMs),
                dtls < 0 || answerAppliedMs < 0 ? -1 : Math.max(0, dtls - answerAppliedMs),
                seconds > 0 ? bytes / 1e6 / seconds : 0, percentileUs(all, 0.50), percentileUs(all, 0.99), why);
    }

    private static long percentileUs(long[] sortedNs, double q) {
        if (sortedNs.length == 0) {
            return -1;
        }
        int i = (int) Math.min(sortedNs.length - 1, Math.max(0, Math.ceil(q * sortedNs.length) - 1));
        return sortedNs[i] / 1_000;
    }

    /** The final one-line JSON summary. */
    public String toJson() {
        return "{\"ok\":" + ok + ",\"sent\":" + sent + ",\"echoed\":" + echoed + ",\"mismatched\":" + mismatched
                + ",\"lost\":" + lost + ",\"channels\":" + channels + ",\"setup_ms\":" + setupMs + ",\"ice_ms\":" + iceMs
                + ",\"dtls_ms\":" + dtlsMs + ",\"throughput_MBps\":" + String.format(Locale.ROOT, "%.3f", throughputMBps)
                + ",\"rtt_p50_us\":" + rttP50Us + ",\"rtt_p99_us\":" + rttP99Us
                + ",\"error\":" + (error == null ? "null" : SignalingJson.quote(error)) + "}";
    }
}
