import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { dutchDate } from '../../domain/dutch-dates';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';

/** Seed 003: "zo snel mogelijk wordt afgeschaald: minder uren, ... of een ander product". */
describe('stepping down to fewer hours in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible, unfold } = useBrowser(api);

  it('when the consultant steps down to fewer hours of the same product, then a new indication runs from that day; the same allocation again is refused beside the product', async () => {
    const id = await api.inCare('02B05', 4);
    const url = `${at.base}/trajecten/${id}`;
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    const from = addDays(dateOf(new Date()), 1);
    const end = addMonths(dateOf(new Date()), 3);

    await unfold(consultant, 'Op- of afschalen (ander product of andere uren)');
    const form = consultant.locator('form[action$="/op-afschalen"]');
    const fill = async (hours: string, start: string) => {
      await form.getByLabel('Product').selectOption('02B05');
      await form.getByLabel('Begindatum').fill(start);
      await form.getByLabel('Einddatum').fill(end);
      await form.getByLabel('Uren per week').fill(hours);
      await form.getByRole('button', { name: 'Indicatie wijzigen' }).click();
    };
    await fill('2', from);
    await consultant.waitForURL(url);
    const indications = consultant.getByRole('table', { name: 'Indicaties van dit traject' });
    const rows = (await indications.getByRole('row').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
    const product = '02B05 – Intensieve begeleiding en casusregie';
    expect(rows.slice(1)).toEqual([
      `${product}${dutchDate(addDays(dateOf(new Date()), -30))} t/m ${dutchDate(dateOf(new Date()))}4 uur per weekBeëindigd`,
      `${product}${dutchDate(from)} t/m ${dutchDate(end)}2 uur per weekLopend`,
    ]);
    await expect(
      consultant.getByRole('row', { name: /Indicatie gewijzigd: 02B05 vanaf/ }).textContent(),
    ).resolves.toContain(`02B05 vanaf ${dutchDate(from)}: 4 uur per week → 2 uur per week`);

    await unfold(consultant, 'Op- of afschalen (ander product of andere uren)');
    await fill('2', addDays(from, 1));
    await expect(consultant.locator('#veld-op-afschalen-productCode-fout').textContent()).resolves.toBe(
      'Zo verandert er niets: kies een ander product, andere uren per week of een andere opslag.',
    );
    await expectAccessible(consultant);
    expect(await api.db.prisma.indication.count({ where: { trajectoryId: id } })).toBe(2);
  });
});
