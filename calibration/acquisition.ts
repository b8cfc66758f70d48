/**
 * Acquisition timing from a log: when the members of the calibration cohort made their
 * first purchase, as a join schedule (one count per day) or a constant Poisson rate over
 * the same window, in the form of a scenario channel whose members join with an order.
 *
 * @module
 */

/** How a calibrated scenario brings members in. */
export type AcquisitionMode = "schedule" | "poisson";

/** Acquisition fitted from first-purchase days. */
export interface AcquisitionFit {
  /** `schedule`: the observed joins per day; `poisson`: a constant rate over the window. */
  readonly mode: AcquisitionMode;
  /** Log day of the first join: day 0 of the scenario. */
  readonly firstDay: number;
  /** Log day of the last join on or before the calibration end. */
  readonly lastDay: number;
  /** Members who joined in the window (the calibration cohort). */
  readonly members: number;
  /** Joins on each scenario day 0..lastDay − firstDay. */
  readonly schedule: readonly number[];
  /** Mean joins per day over the window. */
  readonly daily: number;
}

/** Options of {@link fitAcquisition}. */
export interface AcquisitionOptions {
  /** Last log day of the calibration period (inclusive); later first purchases are left out. */
  readonly calibrationEnd: number;
  /** Default `schedule`. */
  readonly mode?: AcquisitionMode;
}

/** Defaults of {@link AcquisitionOptions}. */
export const ACQUISITION_DEFAULTS = { mode: "schedule" as AcquisitionMode } as const;

/**
 * Fits acquisition timing to the members' first-purchase days (one per member).
 *
 * @example Three members: two join on day 10, one on day 12
 * ```ts
 * import { fitAcquisition } from "./acquisition.ts";
 * const fit = fitAcquisition([10, 12, 10, 40], { calibrationEnd: 30 });
 * if (fit.firstDay !== 10 || fit.schedule.join() !== "2,0,1" || fit.members !== 3) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function fitAcquisition(
  firstDays: ArrayLike<number>,
  options: AcquisitionOptions,
): AcquisitionFit {
  const { calibrationEnd } = options;
  const mode = options.mode ?? ACQUISITION_DEFAULTS.mode;
  if (mode !== "schedule" && mode !== "poisson") {
    throw new RangeError(
      `Cannot fit acquisition: mode is '${mode}'; expected 'schedule' or 'poisson'`,
    );
  }
  let firstDay = Infinity, lastDay = -Infinity, members = 0;
  for (let i = 0; i < firstDays.length; i++) {
    const day = firstDays[i];
    if (!Number.isInteger(day)) {
      throw new RangeError(
        `Cannot fit acquisition: first-purchase day at row ${i} is ${day}; expected a whole day`,
      );
    }
    if (day > calibrationEnd) continue;
    members++;
    firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, day);
  }
  if (members === 0) {
    throw new RangeError(
      `Cannot fit acquisition: no member made a first purchase on or before the calibration ` +
        `end (day ${calibrationEnd})`,
    );
  }
  const schedule = new Array<number>(lastDay - firstDay + 1).fill(0);
  for (let i = 0; i < firstDays.length; i++) {
    if (firstDays[i] <= calibrationEnd) schedule[firstDays[i] - firstDay]++;
  }
  return { mode, firstDay, lastDay, members, schedule, daily: members / schedule.length };
}
