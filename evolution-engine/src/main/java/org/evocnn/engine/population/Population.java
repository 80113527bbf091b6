package org.evocnn.engine.population;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The population P of Algorithm 1: at most {@code popSize} individuals, kept sorted best first; inserting into a full
 * population discards the worst (which may be the newcomer). It therefore always holds the best popSize seen.
 */
public final class Population {

    private final int popSize;
    private final Comparator<Individual> bestFirst;
    private final List<Individual> members;

    public Population(int popSize, Objective objective) {
        if (popSize < 1) {
            throw new IllegalArgumentException("popSize " + popSize + " must be at least 1");
        }
        this.popSize = popSize;
        this.bestFirst = objective.bestFirst();
        this.members = new ArrayList<>(popSize + 1);
    }

    /** Adds an individual; returns the one discarded to stay within popSize, if any. */
    public Optional<Individual> insert(Individual individual) {
        int at = Collections.binarySearch(members, individual, bestFirst);
        members.add(at < 0 ? -at - 1 : at, individual);
        if (members.size() > popSize) {
            return Optional.of(members.remove(members.size() - 1));
        }
        return Optional.empty();
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

    public Optional<Individual> best() {
        return members.isEmpty() ? Optional.empty() : Optional.of(members.get(0));
    }

    /** An unmodifiable snapshot, best first. */
    public List<Individual> members() {
        return List.copyOf(members);
    }
}
