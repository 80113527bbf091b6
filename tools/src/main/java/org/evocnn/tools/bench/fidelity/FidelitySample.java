package org.evocnn.tools.bench.fidelity;

import com.fasterxml.jackson.core.type.TypeReference;
import org.evocnn.engine.operators.Breeder;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.population.Population;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fidelity study's fixed sample of genomes, committed as {@code bench/fidelity-genomes.json} (a resource of this
 * module): the paper's four networks, offspring bred from them by the run's own operators (crossover and mutation,
 * standing in for networks evolved in earlier runs: no run's journal is kept in the repository), and random
 * genomes of the default search space. {@link #generate} made it; the study reads the committed file, so a changed
 * breeder does not change the sample.
 */
public record FidelitySample(String name, String kind, long trainableParams, Genome genome) {

    static final String RESOURCE = "/bench/fidelity-genomes.json";

    /** The committed sample. */
    static List<FidelitySample> load() throws IOException {
        try (InputStream in = FidelitySample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            return read(in);
        }
    }

    /** A sample written in the same form, e.g. a campaign's own. */
    static List<FidelitySample> load(java.nio.file.Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in);
        }
    }

    private static List<FidelitySample> read(InputStream in) throws IOException {
        return ModelJson.mapper().readValue(in, new TypeReference<>() {
        });
    }

    /**
     * The sample with members of real searches added: from every population snapshot in {@code dir} (written by
     * bench-search: {@code <runId>.early.json}, {@code .late.json}), its {@code perSnapshot} lowest-loss members whose
     * architecture the sample lacks, named {@code h-<strategy>-s<seed>-<sequence>} and of kind {@code early} or
     * {@code late}. Snapshots are read in name order and earlier entries are kept, so harvesting again adds nothing.
     */
    static List<FidelitySample> harvest(List<FidelitySample> sample, Path dir, int perSnapshot) throws IOException {
        List<FidelitySample> grown = new ArrayList<>(sample);
        java.util.Set<String> architectures = new java.util.HashSet<>();
        sample.forEach(g -> architectures.add(g.genome().architectureHash()));
        List<Path> snapshots;
        try (var files = java.nio.file.Files.list(dir)) {
            snapshots = files.filter(f -> f.getFileName().toString().matches(".+\\.(early|late)\\.json")).sorted()
                    .toList();
        }
        for (Path file : snapshots) {
            com.fasterxml.jackson.databind.JsonNode snapshot = ModelJson.mapper().readTree(file.toFile());
            List<com.fasterxml.jackson.databind.JsonNode> members = new ArrayList<>();
            snapshot.path("population").forEach(members::add);
            members.sort(java.util.Comparator.comparingDouble(m -> m.path("loss").asDouble()));
            int taken = 0;
            for (com.fasterxml.jackson.databind.JsonNode m : members) {
                Genome genome = ModelJson.mapper().treeToValue(m.path("genome"), Genome.class);
                if (taken == perSnapshot || !architectures.add(genome.architectureHash())) {
                    continue;
                }
                grown.add(new FidelitySample(String.format(Locale.ROOT, "h-%s-s%d-%d",
                        snapshot.path("strategy").asText(), snapshot.path("seed").asLong(),
                        m.path("sequence").asLong()), snapshot.path("when").asText(),
                        NetworkAnalyzer.analyze(genome).trainableParams(), genome));
                taken++;
            }
        }
        return grown;
    }

    /** The paper's networks, {@code offspring} bred from them and {@code random} random genomes, drawn with seed. */
    static List<FidelitySample> generate(int offspring, int random, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Breeder breeder = new Breeder(SearchSpace.defaults(), Variation.defaults(), new TournamentSelection(2),
                InputShape.MNIST, 10, 64, 1);
        List<FidelitySample> sample = new ArrayList<>();
        Population paper = new Population(ReferenceNetwork.values().length, Objectives.LOSS);
        long sequence = 1;
        for (ReferenceNetwork n : ReferenceNetwork.values()) {
            sample.add(of(n.id(), "paper", n.genome()));
            // the evolved networks rank above the baselines, as in the paper; only the tournaments read these
            double loss = n.id().endsWith("evolved") ? 0.05 : 0.10;
            paper.insert(new Individual(sequence++, n.genome(), loss, 1 - loss, n.paperParams()));
        }
        for (int i = 1; i <= offspring; i++) {
            sample.add(of(String.format("offspring-%02d", i), "offspring", breeder.breed(paper, rng).genome()));
        }
        for (int i = 1; i <= random; i++) {
            sample.add(of(String.format("random-%02d", i), "random", breeder.random(rng).genome()));
        }
        return sample;
    }

    private static FidelitySample of(String name, String kind, Genome genome) {
        return new FidelitySample(name, kind, NetworkAnalyzer.analyze(genome).trainableParams(), genome);
    }
}
