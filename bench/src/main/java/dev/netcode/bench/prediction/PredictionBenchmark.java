package dev.netcode.bench.prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the prediction scenarios of issue 7 on simulated time and prints one line per scenario and
 * a final one-line JSON: per RTT (0, 100, 250 ms; 5 % loss; broadband-p50 jitter) mispredictions,
 * corrections, correction p99 and input arrival (in time, held, substituted, arrival slack); the
 * 20 % loss case with redundancy 3; server pushes with a per-frame correction limit; an RTT change
 * from 50 to 200 ms mid-run. Figures are per tick of a 60 Hz game.
 */
public final class PredictionBenchmark {
    private PredictionBenchmark() {}

    public static void main(String[] args) {
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        List<PredictionScenario.Result> results = run(ticks, seed);
        System.out.println(json(results, seed));
    }

    /** The scenarios, each with its own seed derived from {@code seed}. */
    public static List<PredictionScenario.Params> scenarios(int ticks, long seed) {
        return List.of(
                PredictionScenario.Params.of("rtt0", 0, 11, 5, ticks, seed),
                PredictionScenario.Params.of("rtt100", 100, 11, 5, ticks, seed + 1),
                PredictionScenario.Params.of("rtt250", 250, 11, 5, ticks, seed + 2),
                PredictionScenario.Params.of("loss20", 100, 11, 20, ticks, seed + 3).withRedundancy(3),
                PredictionScenario.Params.of("push", 100, 11, 5, ticks, seed + 4).withPushes(180, 0.05),
                PredictionScenario.Params.of("rtt50to200", 50, 11, 5, ticks, seed + 5).withRttChange(ticks / 2, 200));
    }

    /** Runs every scenario, printing each result line as it finishes. */
    public static List<PredictionScenario.Result> run(int ticks, long seed) {
        System.out.println("prediction bench: simulated time, ticks=" + ticks + " seed=" + seed);
        List<PredictionScenario.Result> out = new ArrayList<>();
        for (PredictionScenario.Params p : scenarios(ticks, seed)) {
            long start = System.nanoTime();
            PredictionScenario.Result r = PredictionScenario.run(p);
            System.out.println(r.json() + String.format(Locale.ROOT, " (%.0f ms)", (System.nanoTime() - start) / 1e6));
            out.add(r);
        }
        return out;
    }

    public static String json(List<PredictionScenario.Result> results, long seed) {
        StringBuilder sb = new StringBuilder("{\"bench\":\"prediction\",\"time\":\"simulated\",\"seed\":").append(seed)
                .append(",\"cases\":[");
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(results.get(i).json());
        }
        return sb.append("]}").toString();
    }
}
