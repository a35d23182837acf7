import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ClosureReason } from '../../domain/closure-reasons';

/** The workflow id is the business key, so a trajectory can never run twice. */
export const trajectoryWorkflowId = (trajectoryId: string): string => `trajectory-${trajectoryId}`;

/** Only ids and instants: personal data never enters a workflow payload. */
export interface TrajectoryInput {
  trajectoryId: string;
  registeredAt: string; // ISO instant of the aanmelding
}

export type TrajectoryPhase = 'REGISTERED' | 'CLOSED';

export interface TrajectoryState {
  trajectoryId: string;
  phase: TrajectoryPhase;
  registeredAt: string;
  closedAt?: string;
  closureReason?: ClosureReason;
}

export interface CloseRequest {
  reason: ClosureReason;
  actorId: string;
}

export const getState = defineQuery<TrajectoryState>('getState');
export const close = defineUpdate<TrajectoryState, [CloseRequest]>('close');

/** Error types raised as ApplicationFailure and listed as non-retryable where they are business refusals. */
export enum TrajectoryErrorType {
  AlreadyClosed = 'TrajectoryAlreadyClosed',
  InvalidClosureReason = 'InvalidClosureReason',
}
