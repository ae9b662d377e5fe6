package dev.netcode.launcher;

import dev.netcode.bench.prediction.PredictionBenchmark;
import dev.netcode.bench.prediction.PredictionScenario;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode bench prediction}: client prediction, input pacing and loss scenarios over the
 * in-memory transport and the link conditioner; prints one line per scenario and a final one-line
 * JSON. Register it as a subcommand of {@code bench}.
 */
@Command(name = "prediction", mixinStandardHelpOptions = true,
        description = "Prediction scenarios (RTT 0/100/250 ms at 5 %% loss, 20 %% loss, server pushes); final one-line JSON.")
public final class PredictionBenchCommand implements Callable<Integer> {
    @Option(names = "--ticks", description = "Ticks per scenario (default ${DEFAULT-VALUE}).", defaultValue = "10000")
    int ticks;

    @Option(names = "--seed", description = "Conditioner seed (default: time-based, printed).")
    Long seed;

    @Option(names = "--speedup", description = "Time acceleration: tick and link delays divided by this (default ${DEFAULT-VALUE}).",
            defaultValue = "2")
    double speedup;

    @Override
    public Integer call() throws Exception {
        long s = seed != null ? seed : System.nanoTime();
        List<PredictionScenario.Result> results = PredictionBenchmark.run(ticks, s, speedup);
        System.out.println(PredictionBenchmark.json(results, s));
        return 0;
    }
}
