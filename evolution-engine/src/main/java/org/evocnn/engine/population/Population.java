package org.evocnn.engine.population;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The population P of Algorithm 1: at most {@code popSize} individuals, kept in the objective's ranking, best first.
 * Inserting into a full population discards one: the worst-ranked (the paper; NSGA-II's steady state for a Pareto
 * objective: the most crowded of the last front), or the oldest (regularized evolution, Real et al. 2019).
 */
public final class Population {

    /** Which individual a full population gives up. */
    public enum Removal {
        /** The worst-ranked, which may be the newcomer: the population holds the best popSize seen. */
        WORST,
        /** The earliest evaluated: every individual lives popSize insertions ("aging"). */
        OLDEST
    }

    private final int popSize;
    private final Objective objective;
    private final Comparator<Individual> bestFirst;
    private final Removal removal;
    private List<Individual> members;

    public Population(int popSize, Objective objective) {
        this(popSize, objective, Removal.WORST);
    }

    public Population(int popSize, Objective objective, Removal removal) {
        if (popSize < 1) {
            throw new IllegalArgumentException("popSize " + popSize + " must be at least 1");
        }
        this.popSize = popSize;
        this.objective = objective;
        this.bestFirst = objective.bestFirst();
        this.removal = removal;
        this.members = new ArrayList<>(popSize + 1);
    }

    /** Adds an individual; returns the one discarded to stay within popSize, if any. */
    public Optional<Individual> insert(Individual individual) {
        if (objective.scalar()) {
            int at = Collections.binarySearch(members, individual, bestFirst);
            members.add(at < 0 ? -at - 1 : at, individual);
        } else {
            members.add(individual);
            members = new ArrayList<>(objective.rank(members));
        }
        if (members.size() <= popSize) {
            return Optional.empty();
        }
        int outAt = members.size() - 1;
        if (removal == Removal.OLDEST) {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).sequence() < members.get(outAt).sequence()) {
                    outAt = i;
                }
            }
        }
        Individual out = members.remove(outAt);
        if (!objective.scalar()) {
            members = new ArrayList<>(objective.rank(members)); // crowding depends on who is left
        }
        return Optional.of(out);
    }

    /** Removes the member evaluated as {@code sequence}, if it is one; returns it. */
    public Optional<Individual> remove(long sequence) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).sequence() == sequence) {
                Individual out = members.remove(i);
                if (!objective.scalar()) {
                    members = new ArrayList<>(objective.rank(members));
                }
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    /** Whether the individual evaluated as {@code sequence} is a member. */
    public boolean contains(long sequence) {
        return members.stream().anyMatch(m -> m.sequence() == sequence);
    }

    /** Replaces every member (the generational step of the synchronous GA). */
    public void replaceAll(List<Individual> generation) {
        members.clear();
        generation.forEach(this::insert);
    }

    public int size() {
        return members.size();
    }

    public int popSize() {
        return popSize;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** The member of a rank, 0 being the best. */
    public Individual get(int rank) {
        return members.get(rank);
    }

    /** The best-ranked member. */
    public Optional<Individual> best() {
        return members.isEmpty() ? Optional.empty() : Optional.of(members.get(0));
    }

    /** An unmodifiable snapshot, best first. */
    public List<Individual> members() {
        return List.copyOf(members);
    }
}
