import { addMonths, type BusinessDate } from './calendar';

/**
 * Seed 001: "Minstens 1x per jaar worden de prestaties van alle zorgaanbieders doorgesproken met
 * Contractmanagement". The next talk is due a year after the last one (29 February: on 28 February);
 * a provider never talked with is due now.
 */
export interface ReviewDue {
  /** The last day of the year since the last talk; null when there has been none. */
  dueOn: BusinessDate | null;
  overdue: boolean;
}

/** The last day the next talk is due on, after one held on `heldOn`. */
export const reviewDueAfter = (heldOn: BusinessDate): BusinessDate => addMonths(heldOn, 12);

export function nextReview(lastHeldOn: BusinessDate | null, today: BusinessDate): ReviewDue {
  if (lastHeldOn === null) return { dueOn: null, overdue: true };
  const dueOn = reviewDueAfter(lastHeldOn);
  return { dueOn, overdue: dueOn < today };
}
