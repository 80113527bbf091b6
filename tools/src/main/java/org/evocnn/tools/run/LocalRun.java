package org.evocnn.tools.run;

import org.evocnn.launcher.LocalProcesses;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.spec.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * The one-command local run: starts the evolution service (with its embedded broker) and local evaluator processes,
 * runs an evolution within a wall-clock budget while printing progress, trains the best genome and the paper's
 * baseline the same way, prints the comparison and writes a report (evaluations.csv, summary.json, fitness.svg)
 * into the run directory. Ctrl-C stops everything it started. Run it through {@code scripts/evocnn-run}.
 */
@Command(name = "evocnn-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evolves a network for a data set on this machine, then trains it and the paper's baseline.")
public final class LocalRun implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "mnist", description = "data set to evolve on: mnist (default), "
            + "fashion-mnist, or one imported into the data directory with scripts/evocnn-data")
    String dataset;
    @Option(names = "--minutes", defaultValue = "10",
            description = "total budget, evolution plus final training (default ${DEFAULT-VALUE})")
    double minutes;
    @Option(names = "--evaluators", defaultValue = "1",
            description = "local evaluator processes, sharing the cores (default ${DEFAULT-VALUE})")
    int evaluators;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the run (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data), or a folder of "
            + "your images with one sub-folder per class (imported into ./data once; --dataset is then its name)")
    Path data;
    @Option(names = "--work", paramLabel = "DIR",
            description = "where runs, broker data and logs go (default ./runs/local-<time>)")
    Path work;
    @Option(names = "--subset", defaultValue = "2000",
            description = "training images per fitness evaluation, stratified (default ${DEFAULT-VALUE})")
    int subset;
    @Option(names = "--final-epochs", defaultValue = "1",
            description = "epochs of the final trainings on the whole training set (default ${DEFAULT-VALUE})")
    int finalEpochs;
    @Option(names = "--objective", defaultValue = "loss", description = "what selection minimises: loss (default, "
            + "the paper's), accuracy, penalised-loss, pareto (a front of loss against parameters, front.svg)")
    String objective;
    @Option(names = "--evolve-training", description = "evolve optimizer, learning rate and batch size too")
    boolean evolveTraining;
    @Option(names = "--fitness-cache", description = "reuse the result of a genome already evaluated in the run")
    boolean fitnessCache;
    @Option(names = "--halving", description = "successive halving: new genomes first on a ninth, then a third of "
            + "the subset")
    boolean halving;
    @Option(names = "--median-stopping", description = "stop evaluations whose learning curve is worse than the median")
    boolean medianStopping;
    @Option(names = "--screening", description = "breed 8 genomes per slot, send the one a surrogate predicts best")
    boolean screening;
    @Option(names = "--islands", defaultValue = "0", paramLabel = "N", description = "the island model: N populations "
            + "of 5 bred over the same evaluators, the best of each copied to the next every 5 results (0: off)")
    int islands;
    @Option(names = "--inherit", description = "Lamarckian evolution: offspring start from their parents' trained "
            + "weights, every network validated on one holdout split (not with --fitness-cache, --halving, "
            + "--median-stopping)")
    boolean inherit;

    /** The run's settings, checked. */
    record Options(String dataset, double minutes, int evaluators, long seed, Path data, Path work, int subset,
                   int finalEpochs, Path root, String objective, boolean evolveTraining, boolean fitnessCache,
                   boolean halving, boolean medianStopping, boolean screening, int islands, boolean inherit) {

        /** The settings of a command line; null when it asks for help. */
        static Options parse(String[] args) {
            LocalRun command = new LocalRun();
            CommandLine.ParseResult parsed = new CommandLine(command).parseArgs(args);
            return parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() ? null : command.options();
        }
    }

    private LocalRun() {
    }

    public static void main(String[] args) {
        CommandLine line = new CommandLine(new LocalRun());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("evocnn-run: " + e.getMessage());
                cmd.usage(cmd.getErr());
                return 2;
            }
            throw e;
        });
        System.exit(line.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Options options = options();
        // a dead evaluator or service ends the run at once, saying why, instead of waiting out the budget
        LocalProcesses processes = LocalProcesses.forTool(options.work());
        int status = new LocalRunSession(processes).run(options);
        processes.close();
        return status;
    }

    /** @throws IllegalArgumentException for settings out of range */
    Options options() {
        if (!dataset.matches(DatasetInfo.ID_PATTERN)) {
            throw new IllegalArgumentException("--dataset must be a data set id such as mnist, not '" + dataset + "'");
        }
        if (minutes < 2 || evaluators < 1 || evaluators > 16 || subset < 100 || finalEpochs < 1) {
            throw new IllegalArgumentException("need --minutes >= 2, --evaluators 1..16, --subset >= 100, "
                    + "--final-epochs >= 1");
        }
        if (islands == 1 || islands < 0 || (islands > 0 && halving)) {
            throw new IllegalArgumentException("--islands takes 0 (off) or 2 or more, and not with --halving");
        }
        if (inherit && (fitnessCache || halving || medianStopping)) {
            throw new IllegalArgumentException("--inherit is not combined with --fitness-cache, --halving or "
                    + "--median-stopping (docs/inheritance.md)");
        }
        if (RunOptions.OBJECTIVE.choices().stream().noneMatch(c -> c.value().equals(objective))) {
            throw new IllegalArgumentException("--objective must be loss, accuracy, penalised-loss or pareto");
        }
        Path root = Path.of(System.getProperty("evocnn.root", ".")).toAbsolutePath().normalize();
        Path workDir = work != null ? work.toAbsolutePath() : root.resolve("runs").resolve("local-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new Options(dataset, minutes, evaluators, seed, (data == null ? root.resolve("data") : data)
                .toAbsolutePath(), workDir, subset, finalEpochs, root, objective, evolveTraining, fitnessCache,
                halving, medianStopping, screening, islands, inherit);
    }
}
