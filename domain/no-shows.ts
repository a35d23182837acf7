/** How a product treats no-shows (seed 003, "No show Wmo Segment B"); mirrors the NoShowPolicy enum. */
export type NoShowPolicy = 'NOT_DECLARABLE' | 'ALWAYS_DECLARABLE' | 'CAPPED_PER_ALLOCATION' | 'NOT_APPLICABLE';

export interface NoShowHistory {
  policy: NoShowPolicy;
  cap: number | null; // with CAPPED_PER_ALLOCATION: 6 for 02B05
  declarableSoFar: number; // in this allocation period
  consecutiveBefore: number; // no-shows in a row right before this one
}

export type NoShowAction = 'NONE' | 'NOTIFY_LOCAL_TEAM' | 'RECONTACT';

export interface NoShowAssessment {
  declarable: boolean;
  consecutive: number;
  action: NoShowAction;
}

/**
 * A no-show is an appointment not cancelled at least 24 hours ahead. "Na twee keer no show achter
 * elkaar" the provider reports to the local team; "bij een 3e keer" contact is re-established to
 * decide how to go on (seed 003). 02B03 never declarable, 02B04 always, 02B05 at most 6 per allocation.
 */
export function assessNoShow(history: NoShowHistory): NoShowAssessment {
  const consecutive = history.consecutiveBefore + 1;
  const declarable =
    history.policy === 'ALWAYS_DECLARABLE' ||
    (history.policy === 'CAPPED_PER_ALLOCATION' && history.declarableSoFar < (history.cap ?? 0));
  const action: NoShowAction = consecutive >= 3 ? 'RECONTACT' : consecutive === 2 ? 'NOTIFY_LOCAL_TEAM' : 'NONE';
  return { declarable, consecutive, action };
}
