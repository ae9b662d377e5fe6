package dev.netcode.bench.prediction;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the prediction scenarios of issue 7 and prints one line per scenario and a final one-line
 * JSON: per RTT (0, 100, 250 ms; 5 % loss; broadband-p50 jitter) mispredictions, correction p99 and
 * input arrival; the 20 % loss case; the server-push case. Time is accelerated (see
 * {@link PredictionScenario}); figures are per tick of a 60 Hz game.
 */
public final class PredictionBenchmark {
    private PredictionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        double speedup = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        List<PredictionScenario.Result> results = run(ticks, seed, speedup);
        System.out.println(json(results, seed));
    }

    /** Runs every scenario (in parallel, one thread each) and returns their results. */
    public static List<PredictionScenario.Result> run(int ticks, long seed, double speedup) throws Exception {
        System.out.println("prediction bench: ticks=" + ticks + " seed=" + seed + " speedup=" + speedup);
        List<PredictionScenario.Params> params = new ArrayList<>();
        for (PredictionScenario.Params p : List.of(
                PredictionScenario.Params.of("rtt0", 0, 11, 5, ticks, seed),
                PredictionScenario.Params.of("rtt100", 100, 11, 5, ticks, seed + 1),
                PredictionScenario.Params.of("rtt250", 250, 11, 5, ticks, seed + 2),
                PredictionScenario.Params.of("loss20", 100, 11, 20, ticks, seed + 3),
                PredictionScenario.Params.of("push", 100, 11, 5, Math.min(ticks, 3000), seed + 4).withPushes(180, 0.05))) {
            params.add(p.withSpeedup(speedup));
        }
        // Warm-up: a cold JVM stalls the first ticks (class loading, JIT) and starts the stream far ahead.
        PredictionScenario.run(PredictionScenario.Params.of("warmup", 50, 11, 5, 600, seed - 1));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(params.size());
        try {
            List<java.util.concurrent.Future<PredictionScenario.Result>> futures = new ArrayList<>();
            for (PredictionScenario.Params p : params) {
                futures.add(pool.submit(() -> PredictionScenario.run(p)));
            }
            List<PredictionScenario.Result> out = new ArrayList<>();
            for (var f : futures) {
                PredictionScenario.Result r = f.get();
                System.out.println(r.json());
                out.add(r);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    public static String json(List<PredictionScenario.Result> results, long seed) {
        StringBuilder sb = new StringBuilder("{\"bench\":\"prediction\",\"seed\":").append(seed).append(",\"cases\":[");
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(results.get(i).json());
        }
        return sb.append("]}").toString();
    }
}
