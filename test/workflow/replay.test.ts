import { readdirSync } from 'node:fs';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { historiesDir, loadHistory } from '../support/histories';
import { bundleWorkflows } from '../support/temporal';

const recorded = readdirSync(historiesDir).filter((f) => f.endsWith('.binpb'));
const load = loadHistory;

// Recorded trajectories must replay on today's workflow code; a change that breaks running
// trajectories fails here and belongs behind patched(). Re-record with RECORD_HISTORIES=1 npm test.
describe('replaying recorded trajectory histories', () => {
  let workflowBundle: WorkflowBundle;
  beforeAll(async () => {
    workflowBundle = await bundleWorkflows();
  });

  it('when the fixtures are read, then there are full trajectories to replay', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(3);
  });

  it.each(recorded)('when %s is replayed, then the current code makes the same decisions', async (file) => {
    await expect(Worker.runReplayHistory({ workflowBundle }, load(file))).resolves.toBeUndefined();
  });

  it('when a history is tampered with (an activity swapped), then replay fails with a determinism error', async () => {
    const history = load(recorded[0]!);
    const scheduled = history.events!.find((e) => e.activityTaskScheduledEventAttributes)!;
    scheduled.activityTaskScheduledEventAttributes!.activityType = { name: 'enqueueNotification' };
    await expect(Worker.runReplayHistory({ workflowBundle }, history)).rejects.toThrow(DeterminismViolationError);
  });
});
