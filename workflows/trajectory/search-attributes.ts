import {
  defineSearchAttributeKey,
  SearchAttributeType,
  type SearchAttributePair,
  type SearchAttributeUpdatePair,
} from '@temporalio/common';
import type { TrajectorySnapshot } from './contracts';
import { pendingDeadlines } from './deadlines';

/**
 * What operations filter on in Temporal's own list (Web UI, `temporal workflow list --query`).
 * Ids and codes only: a search attribute is visible to anyone who can list workflows.
 */
export const PhaseKey = defineSearchAttributeKey('TrajectoryPhase', SearchAttributeType.KEYWORD);
export const ProductKey = defineSearchAttributeKey('TrajectoryProduct', SearchAttributeType.KEYWORD);
export const ProviderKey = defineSearchAttributeKey('TrajectoryProvider', SearchAttributeType.KEYWORD);
export const TeamKey = defineSearchAttributeKey('TrajectoryTeam', SearchAttributeType.KEYWORD);
export const NextDeadlineKey = defineSearchAttributeKey('TrajectoryNextDeadline', SearchAttributeType.DATETIME);

/** Every key the workflow sets; the worker registers them with the namespace before it polls. */
export const trajectorySearchAttributeKeys: SearchAttributePair['key'][] = [
  PhaseKey,
  ProductKey,
  ProviderKey,
  TeamKey,
  NextDeadlineKey,
];

/** The attributes a trajectory shows now; null removes one (no product before a decision, no deadline once closed). */
export function searchAttributesOf(s: TrajectorySnapshot): SearchAttributeUpdatePair[] {
  const next = pendingDeadlines(s)[0];
  return [
    { key: PhaseKey, value: s.phase },
    { key: ProductKey, value: s.indication?.productCode ?? null },
    { key: ProviderKey, value: s.providerId },
    { key: TeamKey, value: s.teamId },
    { key: NextDeadlineKey, value: next ? new Date(next.dueAt) : null },
  ];
}

/** A finished run (continued as new) shows none of them: a query by phase, product or deadline finds each trajectory once. */
export const unlistedAttributes: SearchAttributeUpdatePair[] = [
  { key: PhaseKey, value: null },
  { key: ProductKey, value: null },
  { key: ProviderKey, value: null },
  { key: TeamKey, value: null },
  { key: NextDeadlineKey, value: null },
];
