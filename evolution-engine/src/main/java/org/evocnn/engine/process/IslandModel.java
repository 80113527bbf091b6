package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Population;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The island model over one queue: each island is Algorithm 1 on its own population of popSize (random individuals
 * until it holds minPopSize, then offspring bred from it alone). A freed slot goes to the island with the fewest
 * evaluations out (the lowest number among equals), so the islands share the evaluators evenly. After every
 * {@link Islands#migrationInterval()} results that enter islands, each island's best {@link Islands#migrants()} are
 * copied, as they were before the migration, to the island its {@link Islands.Topology} names; a copy already there is
 * not added twice. The run's population ({@link Breeding#population()}) keeps the best popSize of all islands, for the
 * run's views; nothing is bred from it.
 */
public final class IslandModel implements Strategy {

    private final Breeding breeding;
    private final Islands islands;
    private final List<Population> demes = new ArrayList<>();
    private final int[] out;
    private final Map<Long, Integer> islandOf = new HashMap<>();
    private long entered;
    private int migrations;

    public IslandModel(Breeding breeding, Islands islands) {
        this.breeding = breeding;
        this.islands = islands;
        for (int i = 0; i < islands.count(); i++) {
            demes.add(new Population(breeding.config().popSize(), breeding.config().objective()));
        }
        this.out = new int[islands.count()];
    }

    @Override
    public void fill(Slots slots) {
        while (slots.free()) {
            int island = leastBusy();
            Population deme = demes.get(island);
            Candidate candidate = deme.size() < breeding.config().minPopSize()
                    ? slots.submit(breeding.breeder().random(breeding.rng()))
                    : slots.submitNew(() -> breeding.breeder().breed(deme, breeding.rng()));
            islandOf.put(candidate.sequence(), island);
            out[island]++;
        }
    }

    private int leastBusy() {
        int best = 0;
        for (int i = 1; i < out.length; i++) {
            if (out[i] < out[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void admit(Individual individual, Slots slots) {
        int island = returned(individual.sequence());
        demes.get(island).insert(individual);
        breeding.population().insert(individual).ifPresent(slots::discarded);
        if (++entered % islands.migrationInterval() == 0) {
            migrate(slots);
        }
    }

    @Override
    public void lost(Candidate candidate, Slots slots) {
        returned(candidate.sequence());
    }

    private int returned(long sequence) {
        Integer island = islandOf.remove(sequence);
        if (island == null) {
            throw new IllegalStateException("evaluation " + sequence + " was not submitted for an island");
        }
        out[island]--;
        return island;
    }

    /** Every island sends copies of its best to its target; all chosen before any arrives. */
    private void migrate(Slots slots) {
        List<List<Individual>> leaving = new ArrayList<>();
        for (Population deme : demes) {
            leaving.add(deme.members().subList(0, Math.min(islands.migrants(), deme.size())));
        }
        for (int from = 0; from < demes.size(); from++) {
            int to = target(from);
            for (Individual migrant : leaving.get(from)) {
                if (!demes.get(to).contains(migrant.sequence())) {
                    demes.get(to).insert(migrant);
                    slots.migrated(migrant, from, to);
                }
            }
        }
        migrations++;
    }

    private int target(int from) {
        int n = demes.size();
        if (islands.topology() == Islands.Topology.RING) {
            return (from + 1) % n;
        }
        int other = breeding.rng().nextInt(n - 1);
        return other >= from ? other + 1 : other;
    }

    /** Each island's members, best first, by island number. */
    public List<List<Individual>> islands() {
        return demes.stream().map(Population::members).toList();
    }

    /** Migrations so far (each moves every island's migrants at once). */
    @Override
    public int migrations() {
        return migrations;
    }
}
