package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Test harness: evaluators with genome-dependent latency on a simulated clock (no sleeping). Each submitted candidate
 * completes at now + latency; {@link #runToEnd} delivers results in completion order, advancing the clock. It also
 * checks, on every call, the invariants of the loops.
 */
final class SimulatedFleet implements EvaluationPort, InstantSource, EvolutionListener {

    record Event(Instant at, Candidate candidate) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            Comparator.comparing(Event::at).thenComparingLong(e -> e.candidate().sequence()));
    private final ToDoubleFunction<Candidate> latencySeconds;
    private final SplittableRandom outcomes;
    private final double invalidRate;
    private final double failedRate;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    /** The loss an ok result reports. */
    ToDoubleFunction<Candidate> loss = SimulatedFleet::lossOf;
    /** Share of results the fleet reports stopped (median stopping rule), after the invalid and failed ones. */
    double stoppedRate;
    Evolution evolution;

    final List<Candidate> submitted = new ArrayList<>();
    /** For each submission, how many results had been delivered before it. */
    final List<Integer> resultsBeforeSubmit = new ArrayList<>();
    final List<EvaluationOutcome> delivered = new ArrayList<>();
    final List<Individual> discardedIndividuals = new ArrayList<>();
    int maxObservedInFlight;
    int maxObservedPopulation;
    int submittedDuringLastAccept;
    final List<Integer> submissionsPerAccept = new ArrayList<>();
    final List<Boolean> breedingAtAccept = new ArrayList<>();

    SimulatedFleet(ToDoubleFunction<Candidate> latencySeconds, long seed, double invalidRate, double failedRate) {
        this.latencySeconds = latencySeconds;
        this.outcomes = new SplittableRandom(seed);
        this.invalidRate = invalidRate;
        this.failedRate = failedRate;
    }

    /** Latency proportional to forward FLOPs (1 s per MFLOP), as evaluation time grows with network size. */
    static SimulatedFleet flopsProportional(long seed) {
        return new SimulatedFleet(c -> 1 + c.offspring().flops() / 1e6, seed, 0, 0);
    }

    /** A deterministic loss: smaller for networks closer to 200k parameters, plus a little genome-hash noise. */
    static double lossOf(Candidate c) {
        double params = c.offspring().trainableParams();
        double noise = (Long.parseUnsignedLong(c.genome().architectureHash().substring(0, 8), 16) % 1000) / 1e5;
        return Math.abs(Math.log(params / 200_000.0)) * 0.1 + 0.05 + noise;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public void submit(Candidate candidate) {
        submitted.add(candidate);
        resultsBeforeSubmit.add(delivered.size());
        submittedDuringLastAccept++;
        long micros = Math.round(latencySeconds.applyAsDouble(candidate) * 1e6);
        queue.add(new Event(now.plus(Duration.ofNanos(micros * 1000)), candidate));
        maxObservedInFlight = Math.max(maxObservedInFlight, evolution == null ? 0 : evolution.inFlight().size());
    }

    /** The outcome the fleet reports for a candidate: mostly ok, sometimes invalid or failed. */
    EvaluationOutcome evaluate(Candidate c) {
        double x = outcomes.nextDouble();
        if (x < invalidRate) {
            return EvaluationOutcome.invalid(c.sequence(), "simulated: cannot build");
        }
        if (x < invalidRate + failedRate) {
            return EvaluationOutcome.failed(c.sequence(), "simulated: evaluator crashed", 1.0);
        }
        if (x < invalidRate + failedRate + stoppedRate) {
            return EvaluationOutcome.stopped(c.sequence(), "simulated: worse than the median", 0.5);
        }
        double loss = this.loss.applyAsDouble(c);
        return EvaluationOutcome.ok(c.sequence(), loss, 1 - loss / 2, c.offspring().trainableParams(), 1.0);
    }

    /** Delivers the next completion; false when nothing is outstanding. */
    boolean step() {
        Event next = queue.poll();
        if (next == null) {
            return false;
        }
        now = next.at();
        EvaluationOutcome outcome = evaluate(next.candidate());
        delivered.add(outcome);
        boolean breeding = evolution.strategy() instanceof AlgorithmOne async && async.breeding();
        submittedDuringLastAccept = 0;
        evolution.accept(outcome);
        breedingAtAccept.add(breeding);
        submissionsPerAccept.add(submittedDuringLastAccept);
        maxObservedPopulation = Math.max(maxObservedPopulation, evolution.population().size());
        return true;
    }

    void runToEnd() {
        evolution.start();
        while (step()) {
            // deliver everything
        }
    }

    /** Every candidate the run took a result for, cache hits included, by sequence. */
    final java.util.Map<Long, Candidate> evaluatedCandidates = new java.util.HashMap<>();
    final List<EvaluationOutcome> hits = new ArrayList<>();

    @Override
    public void evaluated(Candidate candidate, EvaluationOutcome outcome) {
        evaluatedCandidates.put(candidate.sequence(), candidate);
        if (outcome.cached()) {
            hits.add(outcome);
        }
    }

    @Override
    public void discarded(Individual individual) {
        discardedIndividuals.add(individual);
    }

    static Evolution start(EvolutionConfig config, SimulatedFleet fleet) {
        fleet.evolution = Evolutions.create(config, fleet, fleet, fleet);
        return fleet.evolution;
    }
}
