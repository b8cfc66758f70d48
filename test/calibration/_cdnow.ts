/**
 * Test fixtures of the calibration tests: the CDNOW sample's orders in log days from
 * 1997-01-01 (the sample's first day), and its calibration end.
 *
 * @module
 */
import { CALIBRATION_END, dayOf, readCdnowSample } from "../models/clv/_cdnow.ts";

/** Day 0 of the CDNOW sample, 1997-01-01. */
const ORIGIN = dayOf("19970101");

/** The CDNOW sample's orders, days counted from 1997-01-01. */
export function cdnowOrders(): { member: number[]; day: number[]; amount: number[] } {
  const sample = readCdnowSample();
  return { ...sample, day: sample.day.map((d) => d - ORIGIN) };
}

/** Last day of the 39-week calibration period (1997-09-30), from 1997-01-01: day 272. */
export const CDNOW_CALIBRATION_END = CALIBRATION_END - ORIGIN;

/** Last day of the holdout (1998-06-30): day 545. */
export const CDNOW_OBSERVATION_END = dayOf("19980630") - ORIGIN;
