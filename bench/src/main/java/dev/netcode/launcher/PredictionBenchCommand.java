package dev.netcode.launcher;

import dev.netcode.bench.prediction.PredictionBenchmark;
import dev.netcode.bench.prediction.PredictionScenario;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode bench prediction}: client prediction, input pacing and loss scenarios on
 * simulated time (the real prediction classes and Kryo, a seeded virtual link each way); prints one
 * line per scenario and a final one-line JSON. The same seed always gives the same figures.
 */
@Command(name = "prediction", mixinStandardHelpOptions = true,
        description = "Prediction scenarios on simulated time (RTT 0/100/250 ms at 5 %% loss, 20 %% loss with "
                + "redundancy 3, server pushes, RTT 50->200 ms); final one-line JSON.")
public final class PredictionBenchCommand implements Callable<Integer> {
    @Option(names = "--ticks", description = "Client ticks per scenario (default ${DEFAULT-VALUE}).", defaultValue = "10000")
    int ticks;

    @Option(names = "--seed", description = "Link seed (default: time-based, printed).")
    Long seed;

    @Override
    public Integer call() {
        long s = seed != null ? seed : System.nanoTime();
        List<PredictionScenario.Result> results = PredictionBenchmark.run(ticks, s);
        System.out.println(PredictionBenchmark.json(results, s));
        return 0;
    }
}
