import type { z } from 'zod';
import type { tariffs } from '../../api/operations-responses';
import { AppError } from '../../api/app-error';
import { runsUpTo, tariffUnits } from '../../domain/costs';
import { dutchDate } from '../../domain/dutch-dates';
import { labelOf, tariffUnitLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { errorSummary, selectField, submit, textArea, textField, type FormValues, type Refused } from '../forms';
import { html } from '../html';
import { page } from '../layout';
import { amountHint, centsOf, euros } from './costs';

type TariffRow = z.output<typeof tariffs>['items'][number];

/** The correction's fields as the API's body (`POST /tariffs/{tariffId}/correction`): what was wrong, and why. */
export const correctionBody = (v: FormValues) => ({
  amountCents: centsOf(v.amount),
  unit: v.unit ?? '',
  reason: v.reason ?? '',
});

/** The removal's field as the API's body (`POST /tariffs/{tariffId}/removal`). */
export const removalBody = (v: FormValues) => ({ reason: v.removalReason ?? '' });

/** The removal form names its reason apart from the correction's: a refusal of `reason` is said beside it. */
export const refusedRemovalAt = (refused: Refused): Refused => {
  const { reason, ...others } = refused.errors;
  return reason ? { ...refused, errors: { ...others, removalReason: reason } } : refused;
};

/** "692,21": an amount as the form takes it back. */
const typedAmount = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** What removing it leaves: the tariff before it holding on for its days, or days without a tariff. */
function afterRemoval(tariff: TariffRow, items: TariffRow[]): string {
  const before = items.filter((t) => t.productCode === tariff.productCode && t.validFrom < tariff.validFrom).at(-1);
  if (!before || !runsUpTo(before, tariff))
    return 'De dagen waarvoor het gold, hebben daarna geen tarief, tot u het juiste toevoegt.';
  const until = tariff.validTo ? `tot en met ${dutchDate(tariff.validTo)}` : 'zonder einde';
  return `Het tarief ervoor (${euros(before.amountCents)} ${labelOf(tariffUnitLabels, before.unit)}, vanaf ${dutchDate(before.validFrom)}) geldt dan ${until}, tot u het juiste toevoegt.`;
}

/**
 * A tariff entered wrongly: its amount or unit corrected, or, added by mistake (on a wrong first
 * day, say), removed; each with the reason (audited with what it was).
 */
export async function tariffCorrectionPage(
  visit: Visit,
  tariffId: string,
  form: { values: FormValues; refused: Refused } = { values: {}, refused: { errors: {} } },
): Promise<string> {
  const { items } = (await visit.call('get', '/tariffs')) as z.output<typeof tariffs>;
  const tariff = items.find((t) => t.id === tariffId);
  if (!tariff) throw new AppError(404, 'NOT_FOUND', `No tariff ${tariffId}`);
  const field = (name: string, label: string, current?: string) => ({
    name,
    label,
    value: form.values[name] ?? current,
    errors: form.refused.errors,
  });
  const correction = html`${textField({ ...field('amount', 'Juist bedrag in euro', typedAmount(tariff.amountCents)), type: 'decimal', required: true, invalid: amountHint })}
  ${selectField({
    ...field('unit', 'Juiste eenheid', tariff.unit),
    required: true,
    options: tariffUnits.map((u): [string, string] => [u, tariffUnitLabels[u] ?? u]),
  })}
  ${textArea({ ...field('reason', 'Waarom klopte het tarief niet?'), required: true, description: 'De reden wordt bij de correctie bewaard.' })}`;
  const removal = textArea({
    ...field('removalReason', 'Waarom wordt het tarief verwijderd?'),
    required: true,
    description: 'De reden wordt bewaard, met het tarief zoals het was.',
  });
  const until = tariff.validTo ? ` tot en met ${dutchDate(tariff.validTo)}` : '';
  return page(
    'Tarief corrigeren',
    html`<p class="utrecht-paragraph">
        ${tariff.productCode}, vanaf ${dutchDate(tariff.validFrom)}${until}: nu ${euros(tariff.amountCents)}
        ${labelOf(tariffUnitLabels, tariff.unit)}. Een nieuw tarief voor een volgend jaar voegt u toe op
        <a class="utrecht-link" href="/kosten">Kosten</a>.
      </p>
      ${errorSummary(form.refused.summary, form.refused.errors, html`${correction} ${removal}`)}
      <h2 class="utrecht-heading-2">Bedrag of eenheid corrigeren</h2>
      <form method="post" action="/kosten/tarieven/${tariff.id}" novalidate>
        ${correction} ${submit('Tarief corrigeren', visit.viewer.csrf)}
      </form>
      <h2 class="utrecht-heading-2">Tarief verwijderen</h2>
      <p class="utrecht-paragraph">
        Alleen voor een tarief dat per vergissing is toegevoegd, bijvoorbeeld met een verkeerde begindatum.
        ${afterRemoval(tariff, items)}
      </p>
      <form method="post" action="/kosten/tarieven/${tariff.id}/verwijderen" novalidate>
        ${removal} ${submit('Tarief verwijderen', visit.viewer.csrf)}
      </form>`,
    visit.viewer,
  );
}
