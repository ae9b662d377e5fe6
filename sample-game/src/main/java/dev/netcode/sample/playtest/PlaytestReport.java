package dev.netcode.sample.playtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.netcode.sample.net.ArenaClient;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns a {@link PlaytestResult} into the network report: a text table, {@code report.json} and
 * one PNG chart per time series ({@code rtt.png}, {@code bandwidth-up.png}, ...), drawn with
 * {@code java.awt} in headless mode.
 *
 * <h2>report.json</h2>
 * <pre>
 * { "transport": "in-memory" | "WebRTC", "signaling": "lobby" | "in-process hub" | "none", "preset", "bots", "seconds", "elapsedSeconds", "seed",
 *   "passed": bool, "problems": [..],
 *   "host":    { ticks, players, hitsRegistered, shotsFired, snapshotPackets, ... },
 *   "clients": [ { name, playerId, connected, rttMs, jitterMs, lossInPercent, lossOutPercent,
 *                  kbitPerSecondUp, kbitPerSecondDown, snapshotsReceived, inputTicks, mispredictions,
 *                  predictionCorrections, interpolationUnderruns, interpolationHitches,
 *                  interpolationDelayMs, hitsRegistered, kills, deaths, problems } ],
 *   "series":  { "seconds": [..], "&lt;metric&gt;": [[per client] per second] },
 *   "charts":  [ "rtt.png", .. ] }
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>kbit/s are netcode payload bytes averaged over the run (core's {@code ConnectionStats}),
 *       without UDP/DTLS/SCTP overhead.</li>
 *   <li>Set {@code java.awt.headless=true} (done by {@link #write}) on machines without a display.</li>
 * </ul>
 */
public final class PlaytestReport {
    private static final Color[] LINE_COLORS = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
        new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC),
    };

    private PlaytestReport() {}

    /** The per-client table and the verdict, as printed at the end of {@code ./netcode playtest}. */
    public static String table(PlaytestResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Network report: %d bots, %s transport, signaling: %s, preset %s, %.1f s"
                        + " (%.1f s of it joining), seed %d%n",
                r.bots(), r.transport(), r.signaling(), r.preset(), r.elapsedSeconds(), r.connectSeconds(), r.seed()));
        sb.append(String.format(Locale.ROOT, "%-7s %7s %7s %7s %8s %9s %9s %7s %8s %8s %6s %5s %s%n",
                "client", "RTT ms", "jitter", "loss in", "loss out", "kbit/s up", "kbit/s dn", "correct",
                "underrun", "hitches", "hits", "K/D", "status"));
        for (int i = 0; i < r.clients().size(); i++) {
            ArenaClient.Report c = r.clients().get(i);
            List<String> problems = r.clientProblems().get(i);
            sb.append(String.format(Locale.ROOT, "%-7s %7.1f %7.1f %6.1f%% %7.1f%% %9.1f %9.1f %7d %8d %8d %6d %5s %s%n",
                    c.name(), c.rttMs(), c.jitterMs(), c.lossInPercent(), c.lossOutPercent(),
                    kbit(c.bytesOut(), r.elapsedSeconds()), kbit(c.bytesIn(), r.elapsedSeconds()),
                    c.predictionCorrections(), c.interpolationUnderruns(), r.hitchesAfterWarmup()[i], c.hits(),
                    c.kills() + "/" + c.deaths(), problems.isEmpty() ? "ok" : String.join("; ", problems)));
        }
        PlaytestResult.HostSummary h = r.host();
        sb.append(String.format(Locale.ROOT,
                "host: %d ticks, %d players, %d hits registered of %d shots, %d snapshot packets (largest %d B),"
                        + " %d lag-compensated shots (%d clamped)%n",
                h.ticks(), h.players(), h.hitsRegistered(), h.shotsFired(), h.snapshotPackets(),
                h.maxSnapshotPayloadBytes(), h.lagCompensationRewinds(), h.clampedRewinds()));
        if (h.hostLoopStalls() + h.botLoopStalls() > 0) {
            sb.append(String.format(Locale.ROOT, "machine: host loop stalled %d times, bot loop %d times (longest %d ms):"
                    + " this machine was overloaded; hitches may come from that, not from the network%n",
                    h.hostLoopStalls(), h.botLoopStalls(), h.maxStallMs()));
        }
        sb.append("kbit/s: netcode payload averaged over the run; loss: keep-alive probes; hitches: frozen frames"
                + " after the first " + Playtest.WARMUP_SECONDS + " s.\n");
        sb.append(r.passed() ? "PASS: every bot connected over " + r.transport() + ", traffic both ways"
                + (r.requireNoHitch() ? ", no interpolation hitch" : "") + "\n"
                : "FAIL: " + String.join("; ", r.problems()) + "\n");
        return sb.toString();
    }

    private static double kbit(long bytes, double seconds) {
        return seconds <= 0 ? 0 : bytes * 8 / 1000.0 / seconds;
    }

    /** Writes report.json and the charts into {@code dir} (created); returns the files written. */
    public static List<Path> write(PlaytestResult r, Path dir) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            List<String> charts = new ArrayList<>();
            for (Map.Entry<String, List<double[]>> m : r.series().metrics().entrySet()) {
                String file = chartFile(m.getKey());
                Path png = dir.resolve(file);
                writeChart(png, title(m.getKey()), r.series().seconds(), m.getValue(), r.clients());
                written.add(png);
                charts.add(file);
            }
            Path json = dir.resolve("report.json");
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            mapper.writeValue(json.toFile(), toJson(r, charts));
            written.add(0, json);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the playtest report to " + dir, e);
        }
    }

    static Map<String, Object> toJson(PlaytestResult r, List<String> charts) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("transport", r.transport());
        root.put("signaling", r.signaling());
        root.put("preset", r.preset());
        root.put("bots", r.bots());
        root.put("seconds", r.seconds());
        root.put("elapsedSeconds", r.elapsedSeconds());
        root.put("connectSeconds", r.connectSeconds());
        root.put("seed", r.seed());
        root.put("passed", r.passed());
        root.put("problems", r.problems());
        root.put("host", r.host());
        List<Map<String, Object>> clients = new ArrayList<>();
        for (int i = 0; i < r.clients().size(); i++) {
            ArenaClient.Report c = r.clients().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("playerId", c.playerId());
            m.put("transport", r.transport());
            m.put("connected", c.wasConnected() && c.connected());
            m.put("rttMs", c.rttMs());
            m.put("jitterMs", c.jitterMs());
            m.put("lossInPercent", c.lossInPercent());
            m.put("lossOutPercent", c.lossOutPercent());
            m.put("bytesUp", c.bytesOut());
            m.put("bytesDown", c.bytesIn());
            m.put("kbitPerSecondUp", kbit(c.bytesOut(), r.elapsedSeconds()));
            m.put("kbitPerSecondDown", kbit(c.bytesIn(), r.elapsedSeconds()));
            m.put("snapshotsReceived", c.snapshotsReceived());
            m.put("inputTicks", c.inputTicks());
            m.put("mispredictions", c.mispredictions());
            m.put("predictionCorrections", c.predictionCorrections());
            m.put("interpolationUnderruns", c.interpolationUnderruns());
            m.put("interpolationHitches", r.hitchesAfterWarmup()[i]);
            m.put("interpolationHitchesTotal", c.interpolationHitches());
            m.put("interpolationDelayMs", c.interpolationDelayMs());
            m.put("hitsRegistered", c.hits());
            m.put("kills", c.kills());
            m.put("deaths", c.deaths());
            m.put("problems", r.clientProblems().get(i));
            clients.add(m);
        }
        root.put("clients", clients);
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("seconds", r.series().seconds());
        series.putAll(r.series().metrics());
        root.put("series", series);
        root.put("charts", charts);
        return root;
    }

    private static String chartFile(String metric) {
        return switch (metric) {
            case "rttMs" -> "rtt.png";
            case "jitterMs" -> "jitter.png";
            case "kbitPerSecondUp" -> "bandwidth-up.png";
            case "kbitPerSecondDown" -> "bandwidth-down.png";
            case "interpolationDelayMs" -> "interpolation-delay.png";
            case "predictionCorrections" -> "prediction-corrections.png";
            default -> metric + ".png";
        };
    }

    private static String title(String metric) {
        return switch (metric) {
            case "rttMs" -> "RTT (ms)";
            case "jitterMs" -> "RTT jitter (ms)";
            case "kbitPerSecondUp" -> "Upload per client (kbit/s)";
            case "kbitPerSecondDown" -> "Download per client (kbit/s)";
            case "interpolationDelayMs" -> "Interpolation delay (ms)";
            case "predictionCorrections" -> "Prediction corrections (cumulative)";
            default -> metric;
        };
    }

    private static void writeChart(Path png, String title, List<Integer> xs, List<double[]> samples,
                                   List<ArenaClient.Report> clients) throws IOException {
        int w = 800;
        int h = 400;
        int left = 60;
        int right = 130;
        int top = 36;
        int bottom = 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.setColor(Color.DARK_GRAY);
            g.drawString(title, left, 22);
            double max = 0;
            for (double[] s : samples) {
                for (double v : s) {
                    max = Math.max(max, v);
                }
            }
            max = max <= 0 ? 1 : niceCeiling(max);
            int maxX = xs.isEmpty() ? 1 : Math.max(1, xs.get(xs.size() - 1));
            int plotW = w - left - right;
            int plotH = h - top - bottom;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int k = 0; k <= 4; k++) {
                int y = top + plotH - plotH * k / 4;
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(left, y, left + plotW, y);
                g.setColor(Color.GRAY);
                g.drawString(String.format(Locale.ROOT, "%.4g", max * k / 4), 4, y + 4);
            }
            g.drawString("0 s", left - 6, top + plotH + 16);
            g.drawString(maxX + " s", left + plotW - 14, top + plotH + 16);
            g.setColor(Color.GRAY);
            g.drawRect(left, top, plotW, plotH);
            g.setStroke(new BasicStroke(1.6f));
            int n = samples.isEmpty() ? 0 : samples.get(0).length;
            for (int c = 0; c < n; c++) {
                g.setColor(LINE_COLORS[c % LINE_COLORS.length]);
                int px = -1;
                int py = -1;
                for (int i = 0; i < samples.size(); i++) {
                    int x = left + (int) ((long) plotW * xs.get(i) / maxX);
                    int y = top + plotH - (int) (plotH * Math.min(1, samples.get(i)[c] / max));
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    }
                    g.fillOval(x - 2, y - 2, 4, 4);
                    px = x;
                    py = y;
                }
                g.drawString(c < clients.size() ? clients.get(c).name() : "client " + c, left + plotW + 12, top + 14 + 16 * c);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (v <= m * p) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
