import type { PrismaClient } from '../../prisma/client';
import { trajectoryPhases } from '../../domain/lifecycle';
import { dutchDate } from '../../domain/dutch-dates';
import { deadlineLabels, labelOf, phaseLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { html } from '../html';
import { page, table } from '../layout';

interface TrajectoryRow {
  id: string;
  phase: string;
  nextDeadlineAt: Date | null;
  nextDeadlineKind: string | null;
}

/** Operations: how many trajectories stand where, and the next ones to act on. */
export async function overviewPage(visit: Visit, prisma: PrismaClient): Promise<string> {
  const counts = await prisma.trajectory.groupBy({ by: ['phase'], _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.phase, c._count._all]));
  const { items, total } = (await visit.call('get', '/trajectories', { query: { limit: '50' } })) as {
    items: TrajectoryRow[];
    total: number;
  };
  const rows = items.map((t) => [
    html`${labelOf(phaseLabels, t.phase)}`,
    html`${labelOf(deadlineLabels, t.nextDeadlineKind)}`,
    html`${t.nextDeadlineAt ? dutchDate(new Date(t.nextDeadlineAt)) : ''}`,
    html`<a class="utrecht-link" href="/trajecten/${t.id}">Open traject</a>`,
  ]);
  return page(
    'Overzicht',
    html`${table(
        'Trajecten per fase',
        ['Fase', 'Aantal'],
        trajectoryPhases.map((p) => [html`${phaseLabels[p]}`, html`${countOf.get(p) ?? 0}`]),
        'Nog geen trajecten.',
      )}
      <h2 class="utrecht-heading-2">Eerstvolgende termijnen</h2>
      <p class="utrecht-paragraph">${total} trajecten in totaal; de eerste 50 op volgorde van termijn.</p>
      ${table('Trajecten op volgorde van termijn', ['Fase', 'Termijn', 'Datum', 'Traject'], rows, 'Nog geen trajecten.')}`,
    visit.viewer,
  );
}
