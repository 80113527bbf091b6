package org.evocnn.engine.process;

import org.evocnn.engine.surrogate.SurrogateModel;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds an evolution from its recorded history after a restart. The engine is deterministic, so a fresh engine
 * with the same configuration that is started at the recorded time and given the recorded results in the recorded
 * order (each at its recorded time) makes exactly the recorded submissions again; those are not sent a second time
 * (their requests are still with the evaluators or in the broker), but checked against the record. Afterwards the
 * engine runs on the live port and clock, and late results of the outstanding candidates are accepted as usual. The
 * listener hears nothing of the replay itself (those facts are already recorded), only what follows.
 */
public final class Replay {

    /** One recorded fact of a run, in journal order. */
    public sealed interface Event permits Started, Submitted, Evaluated, Stopped, Renumbered {
        Instant at();
    }

    /** The run was started. */
    public record Started(Instant at) implements Event {
    }

    /** A candidate was sent; {@code architectureHash} identifies its genome. */
    public record Submitted(Instant at, long sequence, String architectureHash) implements Event {
    }

    /** A result was accepted. */
    public record Evaluated(Instant at, EvaluationOutcome outcome) implements Event {
    }

    /** The run was stopped by request. */
    public record Stopped(Instant at) implements Event {
    }

    /** The run was recovered: numbers from {@code from} on continue at {@code to}. */
    public record Renumbered(Instant at, long from, long to) implements Event {
    }

    private Replay() {
    }

    /**
     * A running (or finished) evolution equal to the recorded one.
     *
     * @throws IllegalStateException when the record and the replay disagree (another configuration or engine version)
     */
    public static Evolution rebuild(EvolutionConfig config, List<Event> history, EvaluationPort live,
                                    InstantSource liveClock, EvolutionListener listener) {
        return rebuild(config, history, live, liveClock, listener, null);
    }

    /** As above, for a run that screens with surrogates fitted by {@code models}. */
    public static Evolution rebuild(EvolutionConfig config, List<Event> history, EvaluationPort live,
                                    InstantSource liveClock, EvolutionListener listener,
                                    SurrogateModel.Trainer models) {
        ReplayPort port = new ReplayPort(history, live);
        ReplayClock clock = new ReplayClock(liveClock);
        LiveListener quietDuringReplay = new LiveListener(listener);
        Evolution evolution = Evolutions.create(config, port, clock, quietDuringReplay, models);
        // a renumbering only acts once the numbers reach it, past every submission recorded before it
        history.stream().filter(Renumbered.class::isInstance).map(Renumbered.class::cast)
                .forEach(r -> evolution.renumber(r.from(), r.to()));
        for (Event event : history) {
            clock.now = event.at();
            if (event instanceof Started) {
                evolution.start();
            } else if (event instanceof Evaluated evaluated) {
                evolution.accept(evaluated.outcome());
            } else if (event instanceof Stopped) {
                evolution.stop();
            }
        }
        if (port.replayed < port.recorded.size()) {
            throw new IllegalStateException("the journal records " + port.recorded.size()
                    + " submissions but the replay made " + port.replayed);
        }
        clock.now = null;
        quietDuringReplay.live = true;
        if (evolution.state() == RunState.NEW) {
            evolution.start();
        }
        evolution.poll();
        return evolution;
    }

    /**
     * Swallows the recorded submissions, checking each against the record; anything past the record is sent live
     * (decided before the crash but not recorded; if it had been sent, the evaluation is simply answered twice).
     */
    private static final class ReplayPort implements EvaluationPort {
        private final List<Submitted> recorded;
        private final EvaluationPort live;
        private int replayed;

        ReplayPort(List<Event> history, EvaluationPort live) {
            this.recorded = history.stream().filter(Submitted.class::isInstance).map(Submitted.class::cast).toList();
            this.live = Objects.requireNonNull(live, "live");
        }

        @Override
        public void submit(Candidate candidate) {
            if (replayed >= recorded.size()) {
                live.submit(candidate);
                return;
            }
            Submitted expected = recorded.get(replayed++);
            if (expected.sequence() != candidate.sequence()
                    || !expected.architectureHash().equals(candidate.genome().architectureHash())) {
                throw new IllegalStateException("replay diverges at submission " + candidate.sequence() + ": recorded "
                        + expected.architectureHash() + ", replayed " + candidate.genome().architectureHash());
            }
        }
    }

    /** Passes callbacks on only once the replay is over: the replayed facts are already journaled and counted. */
    private static final class LiveListener implements EvolutionListener {
        private final EvolutionListener target;
        private boolean live;

        LiveListener(EvolutionListener target) {
            this.target = target;
        }

        @Override
        public void submitted(Candidate candidate) {
            if (live) {
                target.submitted(candidate);
            }
        }

        @Override
        public void evaluated(Candidate candidate, EvaluationOutcome outcome) {
            if (live) {
                target.evaluated(candidate, outcome);
            }
        }

        @Override
        public void discarded(org.evocnn.engine.population.Individual individual) {
            if (live) {
                target.discarded(individual);
            }
        }

        @Override
        public void terminated(TerminationReason reason) {
            if (live) {
                target.terminated(reason);
            }
        }

        @Override
        public void finished() {
            if (live) {
                target.finished();
            }
        }
    }

    private static final class ReplayClock implements InstantSource {
        private final InstantSource live;
        private Instant now;

        ReplayClock(InstantSource live) {
            this.live = live;
        }

        @Override
        public Instant instant() {
            return now != null ? now : live.instant();
        }
    }
}
