import { dutchDate } from '../../domain/dutch-dates';
import { labelOf, zrmDevelopmentLabels, zrmDomainLabels, zrmScoreLabels } from '../../domain/labels';
import { zrmDevelopments, zrmDomains, type ZrmDevelopment, type ZrmDomain } from '../../domain/zrm';
import { html, type Html } from '../html';
import { statusMessage, table } from '../layout';
import { fieldIn, selectField, type FormValues, type Refused } from '../forms';
import type { Detail, Filling } from './trajectory-forms';

/** What was just done with the ZRM, said above its table (`?zrm=`). */
export const zrmChanges = { gemeten: 'De meting is vastgelegd.' };
export type ZrmChanged = keyof typeof zrmChanges;

type Assessment = NonNullable<Detail['zrm']>[number];

/** "4 – voldoende zelfredzaam", or that the domain was not scored. */
export const scoreText = (scores: Assessment['scores'], domain: ZrmDomain) => {
  const score = scores[domain];
  return score ? `${score} – ${zrmScoreLabels[score] ?? ''}` : 'niet gescoord';
};

/** "3 leefgebieden vooruitgegaan, 5 stabiel, 1 achteruitgegaan". */
function developmentSummary(first: Assessment, latest: Assessment, developed: ZrmDevelopment[]): string {
  const counts = new Map<ZrmDevelopment, number>();
  for (const d of developed) counts.set(d, (counts.get(d) ?? 0) + 1);
  const parts = (['IMPROVED', 'STABLE', 'DECLINED'] as const).map(
    (d) => `${counts.get(d) ?? 0} ${zrmDevelopmentLabels[d]}`,
  );
  return `Van ${dutchDate(first.assessedOn)} tot ${dutchDate(latest.assessedOn)}: ${parts.join(', ')} (leefgebieden die beide keren zijn gescoord).`;
}

/**
 * The client's self-sufficiency (seed 001: goals by the ZRM; seed 002: results per domain are an
 * improvement or stabilisation): the first measurement (at the decision) against the latest, per
 * domain scored in either. Consultants and providers only; operations get no ZRM (health data).
 */
export function zrmSection(assessments: Assessment[], changed?: ZrmChanged): Html {
  const first = assessments[0];
  const latest = assessments.at(-1);
  const heading = html`<h2 class="utrecht-heading-2">Zelfredzaamheid (ZRM)</h2>
    ${statusMessage(changed && zrmChanges[changed])}`;
  if (!first || !latest)
    return html`${heading}
      <p class="utrecht-paragraph">Nog geen meting.</p>`;
  const scored = zrmDomains.filter((d) => first.scores[d] || latest.scores[d]);
  const compared = first !== latest;
  const development = new Map(zrmDevelopments(first.scores, latest.scores).map((d) => [d.domain, d.development]));
  const summary = developmentSummary(first, latest, [...development.values()]);
  const rows = scored.map((d) => [
    html`${zrmDomainLabels[d] ?? d}`,
    html`${scoreText(first.scores, d)}`,
    ...(compared
      ? [html`${scoreText(latest.scores, d)}`, html`${labelOf(zrmDevelopmentLabels, development.get(d))}`]
      : []),
  ]);
  const headers = compared
    ? [
        'Leefgebied',
        `Eerste meting (${dutchDate(first.assessedOn)})`,
        `Laatste meting (${dutchDate(latest.assessedOn)})`,
        'Ontwikkeling',
      ]
    : ['Leefgebied', `Meting van ${dutchDate(first.assessedOn)}`];
  return html`${heading} ${compared ? html`<p class="utrecht-paragraph">${summary}</p>` : ''}
  ${table('Zelfredzaamheid per leefgebied', headers, rows, 'Geen leefgebied gescoord.')}`;
}

const zrmScoreChoices: [string, string][] = [
  ['', 'Niet gescoord'],
  ...[1, 2, 3, 4, 5].map((n): [string, string] => [String(n), `${n} – ${zrmScoreLabels[n] ?? ''}`]),
];

/** The thirteen domains of the matrix, each scored 1 to 5 or left unscored (`zrm.<DOMAIN>`). */
export const zrmFields = (f: Filling) =>
  html`<fieldset class="utrecht-form-fieldset">
    <legend class="utrecht-form-fieldset__legend">Zelfredzaamheidsmatrix (1 tot en met 5)</legend>
    ${zrmDomains.map((d) =>
      selectField({ ...fieldIn(f, `zrm.${d}`), label: zrmDomainLabels[d] ?? d, options: zrmScoreChoices }),
    )}
  </fieldset>`;

/** A measurement without any domain scored is said at the first domain, where the scoring starts. */
export function refusedScoresAt(refused: Refused): Refused {
  const { scores, ...others } = refused.errors;
  if (!scores) return refused;
  return { ...refused, errors: { ...others, [`zrm.${zrmDomains[0]}`]: 'Scoor ten minste één leefgebied.' } };
}

/** The scored domains of `zrmFields`. */
export const zrmOf = (values: FormValues) =>
  Object.fromEntries(zrmDomains.flatMap((d) => (values[`zrm.${d}`] ? [[d, Number(values[`zrm.${d}`])]] : [])));
