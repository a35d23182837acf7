import type { PrismaClient } from '../prisma/client';
import { failFast } from './fail-fast';
import { recordAuditEvent } from './audit';
import { loadProductRules } from './catalogue';
import type { SecretBox } from './sealing';
import {
  changeIndicationEndDate,
  changeIndicationVolume,
  endIndication,
  saveIndication,
  supersedeIndication,
} from './indications';
import { deadLetter, deliver } from './delivery/deliver';
import type { DeliveryDependencies } from './delivery/dependencies';
import { sendDailyDigests } from './delivery/digest';
import { enqueueNotification } from './notifications';
import { completeTasks, openTask } from './tasks';
import { markTrajectoryClosed, updateTrajectoryRecord } from './trajectory';
import { correctHourDeclaration, loadHourDeclaration, saveHourDeclaration, saveNoShow } from './usage';

export interface ActivityDependencies {
  prisma: PrismaClient;
  /** Seals and opens what the records keep sealed (ZRM scores, webhook secrets), under the payload keys. */
  secrets: SecretBox;
  delivery: DeliveryDependencies;
}

/** All activities, built from their dependencies: the worker passes real ones, tests may pass others. */
export function createActivities({ prisma, secrets, delivery }: ActivityDependencies) {
  const activities = {
    recordAuditEvent: recordAuditEvent(prisma),
    loadProductRules: loadProductRules(prisma),
    saveIndication: saveIndication(prisma, secrets),
    endIndication: endIndication(prisma),
    changeIndicationEndDate: changeIndicationEndDate(prisma),
    changeIndicationVolume: changeIndicationVolume(prisma),
    supersedeIndication: supersedeIndication(prisma),
    openTask: openTask(prisma),
    completeTasks: completeTasks(prisma),
    enqueueNotification: enqueueNotification(prisma, delivery, secrets),
    deliver: deliver(prisma, delivery, secrets),
    deadLetter: deadLetter(prisma),
    sendDailyDigests: sendDailyDigests(prisma, delivery),
    updateTrajectoryRecord: updateTrajectoryRecord(prisma),
    markTrajectoryClosed: markTrajectoryClosed(prisma),
    saveHourDeclaration: saveHourDeclaration(prisma),
    loadHourDeclaration: loadHourDeclaration(prisma),
    correctHourDeclaration: correctHourDeclaration(prisma),
    saveNoShow: saveNoShow(prisma),
  };
  // Every one fails fast on a value the database refuses (activities/fail-fast.ts).
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, failFast(fn as never)]),
  ) as typeof activities;
}
