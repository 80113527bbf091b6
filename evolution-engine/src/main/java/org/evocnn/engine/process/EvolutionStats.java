package org.evocnn.engine.process;

/**
 * Counters of a run.
 *
 * @param submitted  candidates sent for evaluation
 * @param completed  results accepted (ok + invalid + failed + stopped)
 * @param ignored    results for unknown or already answered candidates
 * @param redrawn    offspring discarded before submission (equal to a parent, or unbuildable)
 * @param evaluatorSeconds the results' wall seconds summed: the compute the run has spent
 * @param cacheHits  evaluations answered from the fitness cache (included in completed and submitted; never sent)
 * @param promotions candidates evaluated again at a higher rung (successive halving; included in submitted)
 * @param stopped    evaluations the median stopping rule ended early (included in completed)
 * @param surrogateRankCorrelation Spearman's rank correlation of the surrogate's predictions with the measured losses
 *                   of the candidates it chose; NaN without screening or below three
 * @param migrations rounds of migration between islands (the island model; 0 otherwise)
 */
public record EvolutionStats(long submitted, long completed, long ok, long invalid, long failed, long ignored,
                             long redrawn, int inFlight, int populationSize, double evaluatorSeconds,
                             long cacheHits, long promotions, long stopped, double surrogateRankCorrelation,
                             int migrations) {
}
