package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Individual;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The loop as its strategy sees it: new candidates numbered, through the cache and the screen, promotions first. */
final class LoopSlots implements Slots {

    private final Dispatch dispatch;
    private final Fidelity fidelity;
    private final Screen screen;
    private final Reuse reuse;
    private final EvolutionConfig config;
    private final EvolutionListener listener;
    private final BooleanSupplier running;

    LoopSlots(Dispatch dispatch, Fidelity fidelity, Screen screen, Reuse reuse, EvolutionConfig config,
              EvolutionListener listener, BooleanSupplier running) {
        this.dispatch = dispatch;
        this.fidelity = fidelity;
        this.screen = screen;
        this.reuse = reuse;
        this.config = config;
        this.listener = listener;
        this.running = running;
    }

    @Override
    public boolean free() {
        return running.getAsBoolean() && dispatch.free();
    }

    @Override
    public boolean promote() {
        Optional<Candidate> promotion = fidelity.promotion(dispatch::nextSequence);
        promotion.ifPresent(dispatch::submit);
        return promotion.isPresent();
    }

    @Override
    public Candidate submit(Offspring offspring) {
        Candidate candidate = new Candidate(dispatch.nextSequence(), offspring);
        dispatch.submit(candidate);
        return candidate;
    }

    @Override
    public Candidate submitNew(Supplier<Offspring> breed) {
        Candidate candidate = screen.choose(reuse.novel(breed), config.objective(), dispatch::nextSequence);
        dispatch.submit(candidate);
        return candidate;
    }

    @Override
    public void discarded(Individual individual) {
        listener.discarded(individual);
    }

    @Override
    public void migrated(Individual individual, int fromIsland, int toIsland) {
        listener.migrated(individual, fromIsland, toIsland);
    }

    @Override
    public int inFlight() {
        return dispatch.size();
    }
}
