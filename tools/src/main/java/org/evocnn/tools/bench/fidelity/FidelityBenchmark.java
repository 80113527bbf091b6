package org.evocnn.tools.bench.fidelity;

import org.evocnn.tools.cli.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.model.json.ModelJson;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.dl4j.Backend;
import org.evocnn.training.data.DatasetRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code scripts/bench-fidelity}: how well each cheap fitness ranks networks as full training does. Every genome of
 * the committed sample ({@link FidelitySample}) is measured by every proxy ({@link FidelityMeasure#proxies()}) and by
 * the reference (training on the training set, accuracy on the test set); the report gives, per proxy, Spearman's rho
 * of its ranking against the reference's and its evaluator-seconds per genome. Measurements are appended to
 * {@code measurements.jsonl} as they finish, and a run started again skips what is there (resumable).
 */
@Command(name = "bench-fidelity", mixinStandardHelpOptions = true,
        description = "Rank correlation of cheap fitness proxies with full training, and their cost.")
public final class FidelityBenchmark implements Callable<Integer> {

    @Option(names = "--data", description = "data directory (default ${DEFAULT-VALUE})")
    Path dataDir = Path.of("data");
    @Option(names = "--dataset", description = "data set (default ${DEFAULT-VALUE})")
    String dataset = "fashion-mnist";
    @Option(names = "--out", description = "results directory (default ${DEFAULT-VALUE}); measurements there are kept")
    Path out = Path.of("runs/bench-fidelity");
    @Option(names = "--genomes", description = "the first N genomes of the sample (default: all)")
    int genomes = Integer.MAX_VALUE;
    @Option(names = "--proxies", split = ",", description = "proxies to measure (default: naswot, cv-2000x1, holdout-2000x1, holdout-10000x1, holdout-60000x1)")
    List<String> proxies = FidelityMeasure.proxies().stream().map(FidelityMeasure::name).toList();
    @Option(names = "--reference-images", description = "training images of the reference (0: all; default ${DEFAULT-VALUE})")
    int referenceImages = 0;
    @Option(names = "--reference-epochs", description = "epochs of the reference (default ${DEFAULT-VALUE})")
    int referenceEpochs = 5;
    @Option(names = "--check-epochs", description = "epochs of the longer training that checks the reference (default ${DEFAULT-VALUE})")
    int checkEpochs = 20;
    @Option(names = "--check-genomes", description = "genomes also trained for --check-epochs (default ${DEFAULT-VALUE})")
    int checkGenomes = 8;
    @Option(names = "--allow-no-onednn", description = "measure even when convolutions run without oneDNN's helpers")
    boolean allowNoOneDnn;
    @Option(names = "--only", split = ",", description = "measure only these genomes of the sample (a campaign's unit)")
    List<String> only;
    @Option(names = "--harvest", description = "add to --sample the best members of the population snapshots in this "
            + "folder (bench-search --populations), then stop")
    Path harvest;
    @Option(names = "--per-snapshot", defaultValue = "2", description = "members taken from each snapshot by "
            + "--harvest (default ${DEFAULT-VALUE})")
    int perSnapshot;
    @Option(names = "--at-most", description = "measure at most N genomes still lacking the reference (a campaign's "
            + "unit), in sample order")
    Integer atMost;
    @Option(names = "--sample", description = "a genome sample file (default: the committed bench/fidelity-genomes.json)")
    Path sampleFile;
    @Option(names = "--report-only", description = "print the report of what is measured, measure nothing")
    boolean reportOnly;
    @Option(names = "--write-sample", description = "write a fresh sample to this file (the committed one was made so)")
    Path writeSample;

    public static void main(String[] args) {
        System.exit(Commands.execute(new CommandLine(new FidelityBenchmark()), args));
    }

    @Override
    public Integer call() throws IOException {
        if (writeSample != null) {
            Files.writeString(writeSample, ModelJson.writePretty(FidelitySample.generate(6, 30, 2026)) + "\n");
            System.out.println("sample written to " + writeSample);
            return 0;
        }
        List<FidelitySample> sample = sampleFile == null ? FidelitySample.load() : FidelitySample.load(sampleFile);
        if (harvest != null) {
            if (sampleFile == null) {
                throw new IllegalArgumentException("--harvest adds to the --sample file it is given");
            }
            List<FidelitySample> grown = FidelitySample.harvest(sample, harvest, perSnapshot);
            Files.writeString(sampleFile, ModelJson.writePretty(grown) + "\n");
            grown.subList(sample.size(), grown.size()).forEach(g -> System.out.printf(Locale.ROOT,
                    "added %-28s %-5s %,12d params%n", g.name(), g.kind(), g.trainableParams()));
            System.out.printf("%d genomes added from %s; %s holds %d%n", grown.size() - sample.size(), harvest,
                    sampleFile, grown.size());
            return 0;
        }
        sample = sample.subList(0, Math.min(genomes, sample.size()));
        List<FidelitySample> measured = only == null ? sample
                : sample.stream().filter(g -> only.contains(g.name())).toList();
        if (only != null && measured.size() != only.size()) {
            throw new IllegalArgumentException("--only names genomes the sample lacks: " + only);
        }
        Files.createDirectories(out);
        Map<String, JsonNode> done = read(out.resolve("measurements.jsonl"));
        FidelityMeasure reference = FidelityMeasure.reference(referenceImages, referenceEpochs);
        if (atMost != null) {
            measured = measured.stream().filter(g -> !done.containsKey(key(g.name(), reference.name())))
                    .limit(atMost).toList();
        }
        Path file = out.resolve("measurements.jsonl");
        FidelityMeasure check = FidelityMeasure.reference(referenceImages, checkEpochs);
        List<FidelityMeasure> chosen = FidelityMeasure.proxies().stream().filter(p -> proxies.contains(p.name())).toList();
        if (!reportOnly) {
            Backend.init();
            String helper = Backend.requireOneDnnHelpers(allowNoOneDnn);
            System.out.printf("backend: %s, device: %s, conv layer helper: %s%n", Backend.name(), Backend.device(),
                    helper);
            Dataset data = new DatasetRegistry(dataDir).get(dataset);
            System.out.printf(Locale.ROOT, "bench-fidelity: %d genomes on %s, proxies %s, reference %s%s; %s%n",
                    measured.size(), dataset, proxies, reference.name(),
                    checkGenomes > 0 ? ", check " + check.name() + " on " + checkGenomes : "", file);
            // the cheap proxies and the reference for every genome first, then the expensive proxy and the check
            for (FidelitySample g : measured) {
                for (FidelityMeasure m : chosen) {
                    if (m.images() < 10_000 || m.folds() < 0) {
                        measure(g, m, data, done, file);
                    }
                }
                measure(g, reference, data, done, file);
            }
            for (FidelitySample g : measured) {
                for (FidelityMeasure m : chosen) {
                    if (m.images() >= 10_000) {
                        measure(g, m, data, done, file);
                    }
                }
            }
            for (FidelitySample g : measured.subList(0, Math.min(checkGenomes, measured.size()))) {
                measure(g, check, data, done, file);
            }
        }
        FidelityReport report = new FidelityReport(sample, done, reference, check, chosen, dataset);
        report.print(System.out);
        report.write(out);
        return 0;
    }

    private static void measure(FidelitySample g, FidelityMeasure m, Dataset data, Map<String, JsonNode> done,
                                Path file) throws IOException {
        String key = key(g.name(), m.name());
        if (done.containsKey(key)) {
            return;
        }
        ObjectNode line = ModelJson.mapper().createObjectNode().put("genome", g.name()).put("measure", m.name())
                .put("dataset", data.id()).put("trainableParams", g.trainableParams());
        long start = System.nanoTime();
        try {
            FidelityMeasure.Value v = m.measure(g.genome(), data);
            line.put("status", "ok").put("loss", v.loss());
            if (!Double.isNaN(v.accuracy())) {
                line.put("accuracy", v.accuracy());
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            line.put("status", "failed").put("error", e.toString());
        }
        line.put("seconds", (System.nanoTime() - start) / 1e9);
        Files.writeString(file, ModelJson.mapper().writeValueAsString(line) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        done.put(key, line);
        System.out.printf(Locale.ROOT, "%-14s %-16s %-6s loss %8.4f acc %6.4f %7.1f s%n", g.name(), m.name(),
                line.path("status").asText(), line.path("loss").asDouble(Double.NaN),
                line.path("accuracy").asDouble(Double.NaN), line.path("seconds").asDouble());
    }

    static String key(String genome, String measure) {
        return genome + "|" + measure;
    }

    /** What an earlier start measured, by genome and measure; a torn last line (a kill mid-write) is skipped. */
    static Map<String, JsonNode> read(Path file) throws IOException {
        Map<String, JsonNode> done = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return done;
        }
        for (String l : Files.readAllLines(file)) {
            if (l.isBlank()) {
                continue;
            }
            try {
                JsonNode n = ModelJson.mapper().readTree(l);
                done.put(key(n.path("genome").asText(), n.path("measure").asText()), n);
            } catch (IOException e) {
                System.err.println("skipping a damaged line of " + file + ": " + e.getMessage());
            }
        }
        return done;
    }
}
