import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { historiesDir, loadHistory, localActivityTypes, patchIds } from '../support/histories';
import { bundleWorkflows } from '../support/temporal';

const binaries = (dir: string) =>
  readdirSync(path.join(historiesDir, dir))
    .filter((f) => f.endsWith('.binpb'))
    .map((f) => path.join(dir, f));
const current = binaries('.');
/** Recorded before the trajectory's activities ran as local activities (patch 'local-activities'); never re-recorded. */
const scheduled = binaries('scheduled-activities');
/** Recorded with local activities, before a change's writes were batched (patch 'batched-writes'); never re-recorded. */
const unbatched = binaries('unbatched-writes');
/** Recorded with a marker per patch, before one marker stood for them all ('all-changes-2026-12'); never re-recorded. */
const separatePatches = binaries('separate-patches');
/** Recorded with one marker for all changes up to 'all-changes-2026-12', before no-shows were folded in; never re-recorded. */
const onePatch = binaries('one-patch-2026-12');
/** Recorded with one marker for all changes up to 'all-changes-2026-12-06', before decisions were told to the provider; never re-recorded. */
const onePatchBeforeDecisions = binaries('one-patch-2026-12-06');
/** Recorded with one marker for all changes up to 'all-changes-2026-12-07', before the task to decide after the intake; never re-recorded. */
const onePatchBeforeDecisionTask = binaries('one-patch-2026-12-07');
/** Recorded with one marker for all changes up to 'all-changes-2026-12-07b', before the provider's task to hold the intake; never re-recorded. */
const onePatchBeforeIntakeTask = binaries('one-patch-2026-12-07b');
/** Recorded with one marker for all changes up to 'all-changes-2026-12-07c', before the provider was told of the registration; never re-recorded. */
const onePatchBeforeRegistrationNotice = binaries('one-patch-2026-12-07c');

// Recorded trajectories must replay on today's workflow code; a change that breaks running
// trajectories fails here and belongs behind patched(). Re-record with RECORD_HISTORIES=1 npm test
// (that writes today's histories; the older ones stay as they are).
describe('replaying recorded trajectory histories', () => {
  let workflowBundle: WorkflowBundle;
  beforeAll(async () => {
    workflowBundle = await bundleWorkflows();
  });

  it('when the fixtures are read, then there are full trajectories to replay, from before and after each patch', () => {
    expect(current.length).toBeGreaterThanOrEqual(3);
    expect(scheduled.length).toBeGreaterThanOrEqual(3);
    expect(unbatched.length).toBeGreaterThanOrEqual(3);
    expect(separatePatches.length).toBeGreaterThanOrEqual(3);
    expect(onePatch.length).toBeGreaterThanOrEqual(3);
    expect(onePatchBeforeDecisions.length).toBeGreaterThanOrEqual(3);
    expect(onePatchBeforeDecisionTask.length).toBeGreaterThanOrEqual(3);
    expect(onePatchBeforeIntakeTask.length).toBeGreaterThanOrEqual(3);
    expect(onePatchBeforeRegistrationNotice.length).toBeGreaterThanOrEqual(3);
  });

  it('when a trajectory starts today, then its history has one patch marker for all changes, where one from before has one per change', () => {
    for (const file of current) expect(patchIds(loadHistory(file))).toEqual(['all-changes-2026-12-07d']);
    for (const file of onePatchBeforeRegistrationNotice)
      expect(patchIds(loadHistory(file))).toEqual(['all-changes-2026-12-07c']);
    for (const file of onePatchBeforeIntakeTask)
      expect(patchIds(loadHistory(file))).toEqual(['all-changes-2026-12-07b']);
    for (const file of onePatchBeforeDecisionTask)
      expect(patchIds(loadHistory(file))).toEqual(['all-changes-2026-12-07']);
    for (const file of onePatchBeforeDecisions) expect(patchIds(loadHistory(file))).toEqual(['all-changes-2026-12-06']);
    for (const file of onePatch) expect(patchIds(loadHistory(file))).toEqual(['all-changes-2026-12']);
    const before = separatePatches.map((file) => patchIds(loadHistory(file)));
    for (const ids of before) expect(ids.slice(0, 2)).toEqual(['lifecycle-reviews', 'search-attributes']);
    // The patches asked later (a late intake reminder, a run continuing as new) are in the older set too.
    expect(before.flat()).toEqual(expect.arrayContaining(['no-intake-reminder-after-due', 'continued-run-unlisted']));
  });

  it('when a no-show is recorded today, then its row goes with the batched write, where a run from before wrote it in a local activity of its own', () => {
    const noShowsOf = (dir: string) =>
      localActivityTypes(loadHistory(path.join(dir, 'no-shows.binpb'))).filter((type) => type === 'saveNoShow');
    expect(noShowsOf('.')).toEqual([]);
    expect(noShowsOf('one-patch-2026-12')).toHaveLength(7);
  });

  it('when a trajectory is decided and its extension refused today, then the provider is told both (two notices more in the history), where a run from before told no one', () => {
    const notices = (dir: string) =>
      localActivityTypes(loadHistory(path.join(dir, 'extension-refused.binpb'))).filter(
        (type) => type === 'enqueueNotification',
      );
    expect(notices('one-patch-2026-12-07c')).toHaveLength(2);
    expect(notices('one-patch-2026-12-07')).toHaveLength(2);
    expect(notices('one-patch-2026-12-06')).toHaveLength(0);
  });

  it('when an intake is held today, then the consultant is asked to decide and the decision does that task (one task opened and one closed more), where a run from before asked no one', () => {
    const taskWork = (dir: string) =>
      localActivityTypes(loadHistory(path.join(dir, 'extension-refused.binpb'))).filter(
        (type) => type === 'openTask' || type === 'completeTasks',
      );
    const before = taskWork('one-patch-2026-12-07');
    const after = taskWork('one-patch-2026-12-07b');
    expect(after).toHaveLength(before.length + 2);
    expect(after.filter((type) => type === 'openTask')).toHaveLength(
      before.filter((type) => type === 'openTask').length + 1,
    );
  });

  it("when a trajectory is registered since the provider's task to hold the intake, then that task opens with the start's batched write (no local activity more), where a run from before had none", () => {
    const activities = (dir: string) => localActivityTypes(loadHistory(path.join(dir, 'extension-refused.binpb')));
    expect(activities('one-patch-2026-12-07c')).toEqual(activities('one-patch-2026-12-07b'));
  });

  it("when a trajectory is registered today, then the provider is told right after the start's write (one notice more), where a run from before was not", () => {
    const activities = (dir: string) => localActivityTypes(loadHistory(path.join(dir, 'extension-refused.binpb')));
    const before = activities('one-patch-2026-12-07c');
    expect(activities('.')).toEqual([before[0], 'enqueueNotification', ...before.slice(1)]);
  });

  it.each([
    ...scheduled,
    ...unbatched,
    ...separatePatches,
    ...onePatch,
    ...onePatchBeforeDecisions,
    ...onePatchBeforeDecisionTask,
    ...onePatchBeforeIntakeTask,
    ...onePatchBeforeRegistrationNotice,
    ...current,
  ])('when %s is replayed, then the current code makes the same decisions', async (file) => {
    await expect(Worker.runReplayHistory({ workflowBundle }, loadHistory(file))).resolves.toBeUndefined();
  });

  it('when a history is tampered with (an activity swapped), then replay fails with a determinism error', async () => {
    const history = loadHistory(scheduled[0]!);
    const scheduledEvent = history.events!.find((e) => e.activityTaskScheduledEventAttributes)!;
    scheduledEvent.activityTaskScheduledEventAttributes!.activityType = { name: 'enqueueNotification' };
    await expect(Worker.runReplayHistory({ workflowBundle }, history)).rejects.toThrow(DeterminismViolationError);
  });

  it('when a local activity marker is tampered with (another activity), then replay fails with a determinism error', async () => {
    const history = loadHistory(current[0]!);
    const marker = history.events!.find((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')!;
    const payload = marker.markerRecordedEventAttributes!.details!.data!.payloads![0]!;
    const data = JSON.parse(Buffer.from(payload.data!).toString()) as Record<string, unknown>;
    payload.data = Buffer.from(JSON.stringify({ ...data, activity_type: 'enqueueNotification' }));
    await expect(Worker.runReplayHistory({ workflowBundle }, history)).rejects.toThrow(DeterminismViolationError);
  });
});
