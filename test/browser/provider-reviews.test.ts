import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { dutchDate } from '../../domain/dutch-dates';
import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';

describe('the yearly talks with providers (Zorgaanbieders) in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible } = useBrowser(api);

  it('when contract management records a talk held with a provider, then its next is due a year later and only the other still waits; a talk without a provider or ahead of time is refused beside its field', async () => {
    const today = dateOf(new Date());
    await api.register(); // one trajectory of provider A, registered
    const page = await signedIn(/\(Contractmanagement\)/);
    // The overview says who waits, and leads there.
    await page.goto(`${at.base}/overzicht`);
    await page.getByRole('link', { name: '2 zorgaanbieders wachten op een jaargesprek' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Jaargesprekken met zorgaanbieders',
    );
    await expect(page.getByText('2 zorgaanbieders wachten op een jaargesprek.').count()).resolves.toBe(1);
    const list = page.getByRole('table', { name: 'Jaargesprek per zorgaanbieder' });
    await expect(
      list
        .getByRole('row', { name: /Demo Begeleiding A/ })
        .getByRole('cell')
        .allTextContents(),
    ).resolves.toEqual(['Demo Begeleiding A', 'nog niet', '', 'nu: nog nooit gevoerd']);
    await expectAccessible(page);

    const form = page.locator('form[action="/zorgaanbieders"]');
    await form.getByLabel('Datum van het gesprek').fill(today);
    await form.getByRole('button', { name: 'Gesprek vastleggen' }).click();
    await expect(page.locator('#veld-providerId-fout').textContent()).resolves.toBe('Kies een waarde uit de lijst.');
    await expect(form.getByLabel('Datum van het gesprek').inputValue()).resolves.toBe(today);
    await form.getByLabel('Zorgaanbieder').selectOption({ label: 'Demo Begeleiding A' });
    await form.getByLabel('Datum van het gesprek').fill(addDays(today, 1));
    await form.getByRole('button', { name: 'Gesprek vastleggen' }).click();
    await expect(page.locator('#veld-heldOn-fout').textContent()).resolves.toBe(
      'Een gesprek kan pas worden vastgelegd als het is gevoerd.',
    );
    await expectAccessible(page);

    await form.getByLabel('Datum van het gesprek').fill(today);
    await form.getByLabel('Afspraken (niet verplicht)').fill('Intakes binnen twee weken; doelen per leefgebied.');
    await form.getByRole('button', { name: 'Gesprek vastleggen' }).click();
    await page.waitForURL(`${at.base}/zorgaanbieders?gesprek=vastgelegd`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het gesprek is vastgelegd.');
    await expect(
      list
        .getByRole('row', { name: /Demo Begeleiding A/ })
        .getByRole('cell')
        .allTextContents(),
    ).resolves.toEqual([
      'Demo Begeleiding A',
      dutchDate(today),
      'Intakes binnen twee weken; doelen per leefgebied.',
      dutchDate(addMonths(today, 12)),
    ]);
    await expect(page.getByText('1 zorgaanbieder wacht op een jaargesprek.').count()).resolves.toBe(1);
    // What the talk is about: the provider's figures of all products, and this year's costs.
    const money = (cents: number) =>
      new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    await expect(
      page
        .getByRole('table', { name: 'Waar het gesprek over gaat, per zorgaanbieder' })
        .getByRole('row', { name: /Demo Begeleiding A/ })
        .getByRole('cell')
        .allTextContents(),
    ).resolves.toEqual(['Demo Begeleiding A', '1', '0', '0', '0', '0', money(0)]);
    await expectAccessible(page);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Overzicht' }).click();
    await expect(page.getByRole('link', { name: '1 zorgaanbieder wacht op een jaargesprek' }).count()).resolves.toBe(1);
  });
});
