import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { projectRoot } from '../../scripts/config';

export const historiesDir = path.join(projectRoot, 'test', 'fixtures', 'histories');

/**
 * With RECORD_HISTORIES=1 the lifecycle tests write the histories of their finished trajectories
 * under test/fixtures/histories; test/workflow/replay.test.ts replays them against today's code.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(path.join(historiesDir, `${name}.binpb`), temporal.api.history.v1.History.encode(history).finish());
}

/**
 * Histories are stored as binary protobuf: the SDK's JSON conversion (historyToJSON) fails here
 * with "type must be a Type" because npm nests two copies of protobufjs 8 under @temporalio/*.
 */
export function loadHistory(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.decode(readFileSync(path.join(historiesDir, file)));
}

/** The first payload of each marker of this name, decoded, in history order. */
function markerData<T>(history: temporal.api.history.v1.IHistory, name: string, detail: string): T[] {
  return (history.events ?? []).flatMap((event) => {
    const marker = event.markerRecordedEventAttributes;
    const data = marker?.markerName === name ? marker.details?.[detail]?.payloads?.[0]?.data : undefined;
    return data ? [JSON.parse(Buffer.from(data).toString()) as T] : [];
  });
}

/** The activity types of a history's local activities, in order (from the SDK's marker bookkeeping). */
export const localActivityTypes = (history: temporal.api.history.v1.IHistory): string[] =>
  markerData<{ activity_type: string }>(history, 'core_local_activity', 'data').map((d) => d.activity_type);

/** The ids of the patches a history recorded, in order (each patched() that said yes is a marker). */
export const patchIds = (history: temporal.api.history.v1.IHistory): string[] =>
  markerData<{ id: string }>(history, 'core_patch', 'patch-data').map((d) => d.id);
