package org.evocnn.engine.process;

import org.evocnn.engine.fidelity.RungAdjustment;
import org.evocnn.engine.fidelity.Rungs;
import org.evocnn.engine.operators.Breeder;
import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Population;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.surrogate.Surrogate;
import org.evocnn.engine.surrogate.SurrogateModel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A master-slave evolution (paper section 4): it submits candidates through an {@link EvaluationPort}, keeps at most
 * {@code maxInFlight} outstanding, and reacts to each result. Subclasses decide what to submit: the asynchronous
 * loop (Algorithm 1) or the synchronous generational GA. Not thread-safe: callers serialise calls. Deterministic:
 * all randomness comes from one generator seeded by the configuration.
 */
public abstract sealed class Evolution permits AsynchronousEvolution, SynchronousEvolution, RandomSearch {

    private static final System.Logger LOG = System.getLogger(Evolution.class.getName());

    protected final EvolutionConfig config;
    protected final SplittableRandom rng;
    protected final Breeder breeder;
    protected final Population population;
    private final EvaluationPort port;
    private final InstantSource clock;
    private final EvolutionListener listener;
    private final Map<Long, Candidate> inFlight = new LinkedHashMap<>();
    private final FitnessCache cache; // null: off
    private final Rungs rungs; // null: one fidelity
    private final RungAdjustment adjustment; // null: the population takes top-rung results only
    private final Surrogate surrogate; // null: no screening
    private boolean takingHits;
    private final Set<Long> answered = new HashSet<>();
    private long nextSequence = 1;
    private final Tally tally;
    private Instant startedAt;
    private RunState state = RunState.NEW;
    private TerminationReason terminationReason;

    protected Evolution(EvolutionConfig config, EvaluationPort port, InstantSource clock, EvolutionListener listener,
                        SurrogateModel.Trainer models) {
        this.config = Objects.requireNonNull(config, "config");
        this.port = Objects.requireNonNull(port, "port");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.rng = new SplittableRandom(config.seed());
        this.breeder = new Breeder(config.searchSpace(), config.variation(),
                new TournamentSelection(config.tournamentSize()), config.input(), config.classes(), config.batchSize(),
                config.optimizerStateCopies());
        this.population = new Population(config.popSize(), config.objective(),
                config.mode() == Mode.REGULARIZED ? Population.Removal.OLDEST : Population.Removal.WORST);
        this.cache = config.fitnessCache() ? new FitnessCache() : null;
        this.rungs = config.fidelity().enabled() ? new Rungs(config.fidelity(), config.objective()) : null;
        this.adjustment = config.fidelity().adjusted() ? new RungAdjustment(rungs) : null;
        if (config.screening().enabled() && models == null) {
            throw new IllegalArgumentException("surrogate screening is on but no surrogate model was given");
        }
        this.surrogate = config.screening().enabled() ? new Surrogate(config.screening(), models) : null;
        this.tally = new Tally(config.objective());
    }

    /** The loop the configuration's mode names (without surrogate screening). */
    public static Evolution create(EvolutionConfig config, EvaluationPort port, InstantSource clock,
                                   EvolutionListener listener) {
        return create(config, port, clock, listener, null);
    }

    /** The loop the configuration's mode names, fitting surrogates with {@code models} when it screens. */
    public static Evolution create(EvolutionConfig config, EvaluationPort port, InstantSource clock,
                                   EvolutionListener listener, SurrogateModel.Trainer models) {
        return switch (config.mode()) {
            case ASYNC, REGULARIZED -> new AsynchronousEvolution(config, port, clock, listener, models);
            case SYNC -> new SynchronousEvolution(config, port, clock, listener, models);
            case RANDOM -> new RandomSearch(config, port, clock, listener, models);
        };
    }

    /** Starts the clock and fills every free evaluation slot. */
    public final void start() {
        if (state != RunState.NEW) {
            throw new IllegalStateException("run already started");
        }
        state = RunState.RUNNING;
        startedAt = clock.instant();
        checkTermination();
        if (state == RunState.RUNNING) {
            fill();
        }
        takeHits();
        finishIfDrained();
    }

    /**
     * Takes one result. Returns false, changing nothing, for a sequence that was never submitted or was already
     * answered (results are idempotent). Otherwise the result is counted, an ok one enters the population, and free
     * slots are refilled.
     */
    public final boolean accept(EvaluationOutcome outcome) {
        Candidate candidate = inFlight.remove(outcome.sequence());
        if (candidate == null) {
            tally.ignored();
            LOG.log(System.Logger.Level.DEBUG, () -> (answered.contains(outcome.sequence()) ? "duplicate" : "unknown")
                    + " result for evaluation " + outcome.sequence() + " ignored");
            return false;
        }
        answered.add(outcome.sequence());
        tally.counted(outcome);
        listener.evaluated(candidate, outcome);
        if (cache != null && !outcome.cached()) {
            cache.measured(candidate, outcome).forEach(this::send);
        }
        if (outcome.status() == EvaluationOutcome.Status.OK) {
            Individual individual = new Individual(candidate.sequence(), candidate.genome(), outcome.loss(),
                    outcome.accuracy(), outcome.trainableParams(), candidate.offspring().flops(), candidate.rung());
            if (surrogate != null && candidate.rung() == 0) {
                if (candidate.screened()) {
                    surrogate.judged(candidate.predictedLoss(), outcome.loss());
                }
                if (!outcome.cached()) {
                    surrogate.observed(candidate.offspring(), outcome.loss());
                }
            }
            if (candidate.promoted()) {
                rungs.climbed(candidate.promotedFrom(), candidate.rung(), outcome.loss());
                if (adjustment != null) {
                    adjustment.promoted(candidate.sequence(), candidate.promotedFrom());
                }
            }
            if (candidate.rung() < config.fidelity().top()) {
                rungs.completed(candidate.rung(), individual, candidate.offspring()); // not at the task's fidelity yet
                if (adjustment != null) {
                    adjustment.measuredBelowTop(individual);
                }
            } else {
                tally.admitted(individual);
                admitReplacing(individual);
            }
            if (adjustment != null) {
                adjustment.ready().forEach(this::admitReplacing);
            }
        } else {
            LOG.log(System.Logger.Level.INFO, "evaluation {0} {1}: {2}", candidate.sequence(), outcome.status(),
                    outcome.error());
            lost(candidate);
        }
        checkTermination();
        if (state == RunState.RUNNING) {
            fill();
        }
        takeHits();
        finishIfDrained();
        return true;
    }

    /** Admits an individual; with rung-adjusted selection in the place of its own lower-rung results. */
    private void admitReplacing(Individual individual) {
        if (adjustment != null) {
            adjustment.replacedBy(individual.sequence())
                    .forEach(below -> population.remove(below).ifPresent(this::discarded));
        }
        admit(individual);
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
            for (EvaluationOutcome hit = cache == null ? null : cache.nextHit(); hit != null; hit = cache.nextHit()) {
                accept(hit);
            }
        } finally {
            takingHits = false;
        }
    }

    /** Whether a result for this sequence was accepted already. */
    public final boolean answered(long sequence) {
        return answered.contains(sequence);
    }

    /** Checks the wall-clock budget; call it periodically, since no result may arrive for a long time. */
    public final void poll() {
        checkTermination();
        finishIfDrained();
    }

    /** Stops submitting; outstanding results are still accepted. */
    public final void stop() {
        terminate(TerminationReason.STOPPED);
        finishIfDrained();
    }

    /** Called after an ok result: put the individual where the loop keeps it. */
    protected abstract void admit(Individual individual);

    /** Called after an invalid or failed result. */
    protected abstract void lost(Candidate candidate);

    /** Submits while {@link #canSubmit()} (and the loop has something to submit). */
    protected abstract void fill();

    protected final boolean canSubmit() {
        long max = config.termination().maxEvaluations();
        return state == RunState.RUNNING && inFlight.size() < config.maxInFlight()
                && (max == 0 || nextSequence <= max);
    }

    /**
     * With successive halving, submits the next promotion if a rung has one (ASHA promotes before it breeds).
     *
     * @return whether a promotion took the slot
     */
    protected final boolean promote() {
        Optional<Rungs.Promotion> promotion = rungs == null ? Optional.empty() : rungs.next();
        promotion.ifPresent(p -> submit(new Candidate(nextSequence++, p.offspring(), p.rung(), p.from())));
        return promotion.isPresent();
    }

    /** Submits a new genome, at the lowest rung. */
    protected final void submit(Offspring offspring) {
        submit(new Candidate(nextSequence++, offspring));
    }

    /**
     * Submits a new genome made by {@code make}; with an active surrogate, the best predicted of several made (by the
     * objective's screening key), its prediction recorded with it.
     */
    protected final void submitScreened(Supplier<Offspring> breed) {
        Supplier<Offspring> make = cache == null ? breed : () -> novel(breed);
        if (surrogate == null || !surrogate.active()) {
            submit(make.get());
            return;
        }
        Surrogate.Choice choice = surrogate.choose(make, config.objective());
        submit(new Candidate(nextSequence++, choice.offspring(), 0, 0, choice.predicted()));
    }

    /**
     * With the fitness cache, breeds again (a bounded number of times) while the offspring's genome was already
     * measured or is being measured: a duplicate answered from the cache would enter the population again at no cost,
     * and a converged population would then breed little else (thousands of hits a minute, diversity lost).
     */
    private Offspring novel(Supplier<Offspring> breed) {
        Offspring offspring = breed.get();
        for (int attempt = 1; attempt < FitnessCache.MAX_REBREEDS && cache.knows(offspring.genome()); attempt++) {
            offspring = breed.get();
        }
        return offspring;
    }

    /**
     * Sends a candidate out, unless the fitness cache (when on) answers it: then it takes a sequence and a slot, is not
     * sent, and is answered at once (after the fill) or when the evaluation of its genome under way ends.
     */
    private void submit(Candidate candidate) {
        inFlight.put(candidate.sequence(), candidate);
        if (cache == null || !cache.take(candidate)) {
            send(candidate);
        }
    }

    private void send(Candidate candidate) {
        if (cache != null) {
            cache.sending(candidate);
        }
        listener.submitted(candidate);
        port.submit(candidate);
    }

    protected final void discarded(Individual individual) {
        listener.discarded(individual);
    }

    private void checkTermination() {
        if (state == RunState.RUNNING) {
            config.termination().reached(answered.size(), tally.best(), config.objective(), elapsed(),
                    stats().evaluatorSeconds()).ifPresent(this::terminate);
        }
    }

    private void terminate(TerminationReason reason) {
        if (state == RunState.RUNNING || state == RunState.NEW) {
            state = RunState.STOPPING;
            terminationReason = reason;
            LOG.log(System.Logger.Level.INFO, "run terminated ({0}) after {1} results", reason, answered.size());
            listener.terminated(reason);
        }
    }

    private void finishIfDrained() {
        if (state == RunState.STOPPING && inFlight.isEmpty()) {
            state = RunState.FINISHED;
            listener.finished();
        }
    }

    public final RunState state() {
        return state;
    }

    public final Optional<TerminationReason> terminationReason() {
        return Optional.ofNullable(terminationReason);
    }

    /** The best individual ever evaluated, whether or not it is still in the population. */
    public final Optional<Individual> best() {
        return Optional.ofNullable(tally.best());
    }

    /** With a Pareto objective, the non-dominated individuals of the whole run, lowest loss first; else empty. */
    public final List<Individual> front() {
        return tally.front();
    }

    /** The current population, best first. */
    public final List<Individual> population() {
        return population.members();
    }

    /** Candidates awaiting results, in submission order. */
    public final List<Candidate> inFlight() {
        return List.copyOf(inFlight.values());
    }

    public final Duration elapsed() {
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, clock.instant());
    }

    /** When the run was started, if it was. */
    public final Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public final EvolutionConfig config() {
        return config;
    }

    public final EvolutionStats stats() {
        return tally.stats(nextSequence - 1, answered.size(), breeder.redrawn(), inFlight.size(), population.size(),
                rungs == null ? 0 : rungs.promotions(), surrogate == null ? Double.NaN : surrogate.rankCorrelation());
    }
}
