/**
 * Test helper: the central 99% band of a binomial share, for simulation checks of
 * rates (false positives, coverage) over a fixed number of replications.
 *
 * @module
 */
export { binomialBand } from "../../../models/stats/binomial_band.ts";
