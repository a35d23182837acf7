import { useApi } from '../support/api';
import { useBrowser } from '../support/browser';

/** A refused request says why (motivering), and the provider hears of it and reads why. */
describe('a refusal with its motivation in a real browser', () => {
  const api = useApi();
  const { at, signedIn, expectAccessible } = useBrowser(api);

  it('when the consultant refuses an expansion, then the motivation is asked for, and the provider is told and reads it in the timeline', async () => {
    const id = await api.inCare('02B05', 3);
    const report = { goalsReached: 'Dagritme staat.', stillNeeded: 'Meer uren.', intendedOutflow: 'Over een jaar.' };
    await api.providerA.post(`/trajectories/${id}/expansion-request`, { hoursPerWeek: 5, report }).expect(200);
    const url = `${at.base}/trajecten/${id}`;
    const consultant = await signedIn(/Demo consulent \(Consulent, Sociaal Loket Team Zeist\)/);
    await consultant.goto(url);
    const form = consultant.locator('form[action$="/uitbreiding-besluiten"]');
    await form.getByLabel('Besluit').selectOption({ label: 'Afwijzen' });
    await form.getByRole('button', { name: 'Besluit over uitbreiding vastleggen' }).click();
    await expect(consultant.locator('#veld-uitbreiding-besluiten-motivation-fout').textContent()).resolves.toBe(
      'Vul dit veld in.',
    );
    await expectAccessible(consultant);
    const why = 'De uren zijn toereikend als de administratie bij de schuldhulp ligt.';
    await form.getByLabel('Motivering').fill(why);
    await form.getByRole('button', { name: 'Besluit over uitbreiding vastleggen' }).click();
    await consultant.waitForURL(url);

    const provider = await signedIn(/\(Zorgaanbieder, Demo Begeleiding A\)/);
    await provider.goto(`${at.base}/meldingen`);
    await expect(
      provider
        .getByRole('row', { name: /Besluit over de uitbreiding: afgewezen/ })
        .first()
        .getByRole('link')
        .getAttribute('href'),
    ).resolves.toBe(`/trajecten/${id}`);
    await provider.goto(url);
    await expect(provider.getByRole('row', { name: /Uitbreiding afgewezen/ }).textContent()).resolves.toContain(
      `Motivering: ${why}`,
    );
    await expectAccessible(provider);
  });
});
