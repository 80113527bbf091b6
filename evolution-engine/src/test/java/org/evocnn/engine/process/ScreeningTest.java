package org.evocnn.engine.process;

import org.evocnn.engine.surrogate.Features;
import org.evocnn.engine.surrogate.Screening;
import org.evocnn.engine.surrogate.SurrogateModel;
import org.evocnn.model.genome.FieldException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Surrogate pre-screening in the asynchronous loop, with a nearest-neighbour model on the simulated fleet. */
class ScreeningTest {

    /** 1-nearest neighbour on log10 parameters: enough to learn the fleet's loss, which depends on size. */
    static final SurrogateModel.Trainer NEAREST = (names, x, y) -> {
        int column = Features.NAMES.indexOf("log10Params");
        return f -> {
            int best = 0;
            for (int i = 1; i < x.length; i++) {
                if (Math.abs(x[i][column] - f[column]) < Math.abs(x[best][column] - f[column])) {
                    best = i;
                }
            }
            return y[best];
        };
    };

    private static EvolutionConfig config(Screening screening) {
        return EvolutionConfig.builder().termination(Termination.afterEvaluations(300)).seed(21).population(10, 5)
                .maxInFlight(4).screening(screening).build();
    }

    private static double meanLossOfBred(SimulatedFleet fleet) {
        return fleet.submitted.stream().filter(c -> !c.offspring().origin().equals("random"))
                .mapToDouble(SimulatedFleet::lossOf).average().orElseThrow();
    }

    @Test
    void screenedOffspringAreBetterThanUnscreenedOnesAndThePredictionsRankTheResults() {
        SimulatedFleet plain = SimulatedFleet.flopsProportional(3);
        SimulatedFleet.start(config(Screening.OFF), plain);
        plain.runToEnd();
        SimulatedFleet screenedFleet = SimulatedFleet.flopsProportional(3);
        Evolution screened = Evolutions.create(config(new Screening(8, 20, 5)), screenedFleet, screenedFleet,
                screenedFleet, NEAREST);
        screenedFleet.evolution = screened;
        screenedFleet.runToEnd();

        List<Candidate> chosen = screenedFleet.submitted.stream().filter(Candidate::screened).toList();
        assertThat(chosen).hasSizeGreaterThan(200);
        // nothing is screened before 20 results are in
        int firstScreened = screenedFleet.submitted.indexOf(chosen.get(0));
        assertThat(screenedFleet.resultsBeforeSubmit.get(firstScreened)).isGreaterThanOrEqualTo(20);
        assertThat(meanLossOfBred(screenedFleet)).isLessThan(meanLossOfBred(plain) * 0.8);
        assertThat(screened.stats().surrogateRankCorrelation()).isGreaterThan(0.3);
        assertThat(plain.submitted).noneMatch(Candidate::screened);
        assertThat(Evolutions.create(config(Screening.OFF), plain, plain, plain).stats().surrogateRankCorrelation())
                .isNaN();
    }

    @Test
    void screeningNeedsAModelAndAnAsynchronousMode() {
        assertThatThrownBy(() -> Evolutions.create(config(new Screening(4, 20, 5)), SimulatedFleet.flopsProportional(1),
                SimulatedFleet.flopsProportional(1), EvolutionListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no surrogate model");
        assertThatThrownBy(() -> config(new Screening(4, 20, 5)).toBuilder().mode(Mode.SYNC).build())
                .isInstanceOf(FieldException.class).hasMessageContaining("screening");
    }
}
