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
    public void submit(Offspring offspring) {
        dispatch.submit(new Candidate(dispatch.nextSequence(), offspring));
    }

    @Override
    public void submitNew(Supplier<Offspring> breed) {
        dispatch.submit(screen.choose(reuse.novel(breed), config.objective(), dispatch::nextSequence));
    }

    @Override
    public void discarded(Individual individual) {
        listener.discarded(individual);
    }

    @Override
    public int inFlight() {
        return dispatch.size();
    }
}
