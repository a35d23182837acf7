import { isDoneByAction, isTaskKind } from '../../domain/lifecycle';
import { taskTexts } from '../../domain/labels';
import type { Visit } from '../context';
import { textArea } from '../forms';
import { html, type Html } from '../html';
import { table } from '../layout';
import type { PageForm } from './trajectory-forms';
import { taskDue, taskLabel, type TaskRow } from './work';

/** What became of a task's form, said at the top of the page it leads back to (`?taak=`). */
export const taskOutcomes = { afgerond: 'De taak is afgerond.', 'al-afgerond': 'Deze taak was al afgerond.' } as const;
export type TaskOutcome = keyof typeof taskOutcomes;

/** The form of a task, under the trajectory: `/trajecten/{id}/taak-{taskId}`. */
export const taskFormKey = (taskId: string) => `taak-${taskId}`;

/** The open tasks of this trajectory for the person looking: their team's or their organisation's. */
export async function openTasksOf(visit: Visit, trajectoryId: string): Promise<TaskRow[]> {
  if (visit.actor.role === 'OPERATIONS') return [];
  const { items } = (await visit.call('get', '/tasks', { query: { trajectoryId, limit: 100 } })) as {
    items: TaskRow[];
  };
  return items;
}

/** A form for each task done by hand (`POST /tasks/{id}/complete`); a task the workflow waits on is done by its own action. */
export function taskForms(open: TaskRow[]): PageForm[] {
  return open
    .filter((t) => !isDoneByAction(t.kind))
    .map((t) => ({
      key: taskFormKey(t.id),
      title: `Afronden: ${taskLabel(t.kind)}`,
      button: `${taskLabel(t.kind)} afronden`,
      fields: (f) =>
        textArea({
          form: f.form,
          name: 'outcome',
          value: f.values.outcome,
          errors: f.refused.errors,
          label: 'Wat is eruit gekomen? (niet verplicht)',
          description: 'Dit wordt bij de taak bewaard.',
        }),
    }));
}

/** The open tasks: what, by when, what to do, and who picked it up (on the work list). */
export function tasksTable(open: TaskRow[]): Html {
  const rows = open.map((t) => [
    html`${taskLabel(t.kind)}`,
    taskDue(t),
    html`${isTaskKind(t.kind) ? taskTexts[t.kind].todo : ''}${
      isDoneByAction(t.kind) ? ' (de taak gaat vanzelf af zodra dat is vastgelegd)' : ''
    }`,
    html`${t.assignee?.name ?? 'niemand'}`,
  ]);
  return table(
    'Open taken bij dit traject',
    ['Taak', 'Uiterlijk', 'Wat te doen', 'Opgepakt door'],
    rows,
    'Geen open taken.',
  );
}
