package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A master-slave evolution (paper section 4): it submits candidates through an {@link EvaluationPort}, keeps at most
 * {@code maxInFlight} outstanding, and reacts to each result. What it submits is its {@link Strategy}'s (the
 * asynchronous loop of Algorithm 1, random search or the synchronous generational GA); a fitness cache, successive
 * halving and surrogate screening are parts it is given ({@link Evolutions} chooses them from the configuration). Not
 * thread-safe: callers serialise calls. Deterministic: all randomness comes from one generator seeded by the
 * configuration.
 */
public final class Evolution {

    private static final System.Logger LOG = System.getLogger(Evolution.class.getName());

    private final EvolutionConfig config;
    private final Breeding breeding;
    private final Strategy strategy;
    private final Reuse reuse;
    private final Fidelity fidelity;
    private final Screen screen;
    private final InstantSource clock;
    private final EvolutionListener listener;
    private final Dispatch dispatch;
    private final Tally tally;
    private final Slots slots;
    private final Fidelity.Admission admission = new LoopAdmission();
    private boolean takingHits;
    private Instant startedAt;
    private RunState state = RunState.NEW;
    private TerminationReason terminationReason;

    Evolution(Breeding breeding, Strategy strategy, Reuse reuse, Fidelity fidelity, Screen screen,
              EvaluationPort port, InstantSource clock, EvolutionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.breeding = Objects.requireNonNull(breeding, "breeding");
        this.config = breeding.config();
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.reuse = Objects.requireNonNull(reuse, "reuse");
        this.fidelity = Objects.requireNonNull(fidelity, "fidelity");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.dispatch = new Dispatch(config, reuse, Objects.requireNonNull(port, "port"), listener);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tally = new Tally(config.objective());
        this.slots = new LoopSlots(dispatch, fidelity, screen, reuse, config, listener,
                () -> state == RunState.RUNNING);
    }

    /** Starts the clock and fills every free evaluation slot. */
    public void start() {
        if (state != RunState.NEW) {
            throw new IllegalStateException("run already started");
        }
        state = RunState.RUNNING;
        startedAt = clock.instant();
        afterChange();
    }

    /** After a start or a result: check the budgets, refill free slots, take cache hits, finish when drained. */
    private void afterChange() {
        checkTermination();
        if (state == RunState.RUNNING) {
            strategy.fill(slots);
        }
        takeHits();
        finishIfDrained();
    }

    /**
     * Takes one result. Returns false, changing nothing, for a sequence that was never submitted or was already
     * answered (results are idempotent). Otherwise the result is counted, an ok one enters the population, and free
     * slots are refilled.
     */
    public boolean accept(EvaluationOutcome outcome) {
        Candidate candidate = dispatch.answer(outcome.sequence());
        if (candidate == null) {
            tally.ignored();
            LOG.log(System.Logger.Level.DEBUG, () -> (dispatch.answered(outcome.sequence()) ? "duplicate"
                    : "unknown") + " result for evaluation " + outcome.sequence() + " ignored");
            return false;
        }
        tally.counted(outcome);
        listener.evaluated(candidate, outcome);
        reuse.measured(candidate, outcome).forEach(dispatch::send);
        if (outcome.status() == EvaluationOutcome.Status.OK) {
            Individual individual = new Individual(candidate.sequence(), candidate.genome(), outcome.loss(),
                    outcome.accuracy(), outcome.trainableParams(), candidate.offspring().flops(), candidate.rung());
            screen.result(candidate, outcome);
            fidelity.measured(candidate, individual, admission);
        } else {
            LOG.log(System.Logger.Level.INFO, "evaluation {0} {1}: {2}", candidate.sequence(), outcome.status(),
                    outcome.error());
            strategy.lost(candidate, slots);
        }
        afterChange();
        return true;
    }

    /**
     * Takes the cache hits the last fill bred, each as a result that costs nothing; taking one frees its slot, and
     * the refill may breed more. Iterative, so a run of hits does not nest calls.
     */
    private void takeHits() {
        if (takingHits) {
            return;
        }
        takingHits = true;
        try {
            for (EvaluationOutcome hit = reuse.nextHit(); hit != null; hit = reuse.nextHit()) {
                accept(hit);
            }
        } finally {
            takingHits = false;
        }
    }

    /**
     * Numbers candidates from {@code to} once they reach {@code from} (a recovered run skips the numbers its lost
     * journal tail may have used). Recorded with the run, and given again before a replay.
     */
    public void renumber(long from, long to) {
        dispatch.renumber(from, to);
    }

    /** Whether a candidate with this sequence awaits its result. */
    public boolean outstanding(long sequence) {
        return dispatch.outstanding(sequence);
    }

    /** Whether a result for this sequence was accepted already. */
    public boolean answered(long sequence) {
        return dispatch.answered(sequence);
    }

    /** Checks the wall-clock budget; call it periodically, since no result may arrive for a long time. */
    public void poll() {
        checkTermination();
        finishIfDrained();
    }

    /** Stops submitting; outstanding results are still accepted. */
    public void stop() {
        terminate(TerminationReason.STOPPED);
        finishIfDrained();
    }

    /** Where results a fidelity lets through go. */
    private final class LoopAdmission implements Fidelity.Admission {
        @Override
        public void top(Individual individual) {
            tally.admitted(individual);
            strategy.admit(individual, slots);
        }

        @Override
        public void adjusted(Individual individual) {
            strategy.admit(individual, slots);
        }

        @Override
        public void remove(long sequence) {
            breeding.population().remove(sequence).ifPresent(listener::discarded);
        }
    }

    private void checkTermination() {
        if (state == RunState.RUNNING) {
            config.termination().reached(dispatch.answeredCount(), tally.best(), config.objective(), elapsed(),
                    stats().evaluatorSeconds()).ifPresent(this::terminate);
        }
    }

    private void terminate(TerminationReason reason) {
        if (state == RunState.RUNNING || state == RunState.NEW) {
            state = RunState.STOPPING;
            terminationReason = reason;
            LOG.log(System.Logger.Level.INFO, "run terminated ({0}) after {1} results", reason,
                    dispatch.answeredCount());
            listener.terminated(reason);
        }
    }

    private void finishIfDrained() {
        if (state == RunState.STOPPING && dispatch.size() == 0) {
            state = RunState.FINISHED;
            listener.finished();
        }
    }

    public RunState state() {
        return state;
    }

    public Optional<TerminationReason> terminationReason() {
        return Optional.ofNullable(terminationReason);
    }

    /** The best individual ever evaluated, whether or not it is still in the population. */
    public Optional<Individual> best() {
        return Optional.ofNullable(tally.best());
    }

    /** With a Pareto objective, the non-dominated individuals of the whole run, lowest loss first; else empty. */
    public List<Individual> front() {
        return tally.front();
    }

    /** The current population, best first. */
    public List<Individual> population() {
        return breeding.population().members();
    }

    /** Candidates awaiting results, in submission order. */
    public List<Candidate> inFlight() {
        return dispatch.candidates();
    }

    public Duration elapsed() {
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, clock.instant());
    }

    /** When the run was started, if it was. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public EvolutionConfig config() {
        return config;
    }

    public EvolutionStats stats() {
        return tally.stats(dispatch.submitted(), dispatch.answeredCount(), breeding.breeder().redrawn(), dispatch.size(),
                breeding.population().size(),
                fidelity.promotions(), screen.rankCorrelation(), strategy.migrations());
    }

    /** What this run submits (the mode's strategy). */
    public Strategy strategy() {
        return strategy;
    }
}
