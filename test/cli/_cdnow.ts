/**
 * Test fixtures of the commands that read the CDNOW sample (`lab clv`, `calibrate`,
 * `validate`): its path with the loader options and calibration end.
 *
 * @module
 */

/** The raw CDNOW sample (whitespace-separated, no header). */
export const CDNOW_SAMPLE =
  new URL("../../../shared/data/cdnow/CDNOW_sample.txt", import.meta.url).pathname;

/** The sample with its loader options and the 39-week calibration end; the end comes last. */
export const CDNOW_LOG_ARGS: readonly string[] = [
  CDNOW_SAMPLE,
  "--id-col",
  "1",
  "--date-col",
  "2",
  "--amount-col",
  "4",
  "--delimiter",
  "whitespace",
  "--no-header",
  "--calibration-end",
  "1997-09-30",
];
