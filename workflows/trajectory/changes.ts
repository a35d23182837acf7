import { patched } from '@temporalio/workflow';

/**
 * The workflow's later changes, each of which came behind its own patch. A run has them all or
 * replays a history from before some of them.
 */
export interface Changes {
  /** Review and end-evaluation deadlines. */
  reviews: boolean;
  /** Search attributes in Temporal's list. */
  searchable: boolean;
  /** Activities as local activities (issue 12). */
  localActivities: boolean;
  /** The whole view mirrored on the record after every change (issue 12). */
  mirrorsView: boolean;
  /** A deadline already due handled at once instead of after a timer (issue 12). */
  dueAtOnce: boolean;
  /** A change's writes in one local activity when it settles (issue 12). */
  batchesWrites: boolean;
  /** A no-show's row goes with those writes instead of a local activity of its own (issue 12). */
  foldsNoShows: boolean;
  /** The provider is told the consultant's decisions: the indication, a changed allocation, a request's decision, a closure. */
  tellsDecisions: boolean;
  /**
   * Once the intake is held the consultant team has a task to decide the indication (or, where the
   * client does not fit the provider, to find another), done by the decision or a closure.
   */
  asksDecision: boolean;
  /** From the registration the provider has a task to hold the intake, due when it is, done by recording it. */
  asksIntake: boolean;
  /** The provider is told of the registration (e-mail and webhook), with the intake's last day. */
  tellsRegistration: boolean;
  /** A run that continues as new leaves the list; asked at that moment, where older histories have its marker. */
  unlistsContinuedRun(): boolean;
  /** No intake reminder once the intake is due; asked when such a reminder comes, as before. */
  skipsLateIntakeReminder(): boolean;
}

const all: Changes = {
  reviews: true,
  searchable: true,
  localActivities: true,
  mirrorsView: true,
  dueAtOnce: true,
  batchesWrites: true,
  foldsNoShows: true,
  tellsDecisions: true,
  asksDecision: true,
  asksIntake: true,
  tellsRegistration: true,
  unlistsContinuedRun: () => true,
  skipsLateIntakeReminder: () => true,
};

/**
 * Every patch costs a new run a marker and an upsert of the TemporalChangeVersion search attribute
 * in its history, each a write on the Temporal server: with eight patches that was most of the
 * server's work for a registration (issue 12). A run records one marker that stands for every
 * change up to its date: a new change takes a new one ('all-changes-2026-12-06' added folded
 * no-shows, 'all-changes-2026-12-07' the decisions told, 'all-changes-2026-12-07b' the consultant's
 * task after the intake, 'all-changes-2026-12-07c' the provider's task to hold it,
 * 'all-changes-2026-12-07d' the provider told of the registration), and a run from
 * before keeps what its marker stood for. A history from before the first such marker asks for its
 * own markers, in the order and at the moments it always did (the object's properties are
 * evaluated in order).
 */
export function changesOfThisRun(): Changes {
  if (patched('all-changes-2026-12-07d')) return all;
  const before07d = { ...all, tellsRegistration: false };
  if (patched('all-changes-2026-12-07c')) return before07d;
  if (patched('all-changes-2026-12-07b')) return { ...before07d, asksIntake: false };
  if (patched('all-changes-2026-12-07')) return { ...before07d, asksDecision: false, asksIntake: false };
  if (patched('all-changes-2026-12-06'))
    return { ...before07d, tellsDecisions: false, asksDecision: false, asksIntake: false };
  if (patched('all-changes-2026-12'))
    return { ...before07d, foldsNoShows: false, tellsDecisions: false, asksDecision: false, asksIntake: false };
  return {
    reviews: patched('lifecycle-reviews'),
    searchable: patched('search-attributes'),
    localActivities: patched('local-activities'),
    mirrorsView: patched('mirrored-view'),
    dueAtOnce: patched('due-without-timer'),
    batchesWrites: patched('batched-writes'),
    foldsNoShows: false,
    tellsDecisions: false,
    asksDecision: false,
    asksIntake: false,
    tellsRegistration: false,
    unlistsContinuedRun: () => patched('continued-run-unlisted'),
    skipsLateIntakeReminder: () => patched('no-intake-reminder-after-due'),
  };
}
