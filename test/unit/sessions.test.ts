import { Sessions } from '../../web/session';
import { cookieJar, requestWith, sessionCookieAt } from '../support/sessions';

const secret = 'a session test secret, at least 32 characters';
const userId = '00000000-0000-4000-8000-000000000001';
const signedInAt = new Date('2026-12-07T08:30:00Z');
const minutes = (n: number) => new Date(signedInAt.getTime() + n * 60_000);

/** Sessions at a given moment, an hour without a page ending them. */
const sessionsAt = (at: Date) => new Sessions(secret, 3_600, () => at);

describe('browser sessions end after a time without a page, and every page renews them', () => {
  it('when a page is asked for within the hour, then the session is active and its renewal runs an hour from then', async () => {
    const token = await sessionCookieAt(secret, userId, signedInAt);
    const later = sessionsAt(minutes(59));
    await expect(later.check(requestWith({ wmo_sessie: token }))).resolves.toEqual({
      state: 'active',
      userId,
      endsAt: minutes(60),
    });

    const jar = cookieJar();
    const endsAt = await later.signIn(requestWith({ wmo_sessie: token }), jar.res, userId);
    expect(endsAt).toEqual(minutes(59 + 60));
    const renewed = jar.cookies.get('wmo_sessie')?.value ?? '';
    // The renewed session holds past the first one's end; the first one alone does not.
    await expect(sessionsAt(minutes(118)).check(requestWith({ wmo_sessie: renewed }))).resolves.toEqual({
      state: 'active',
      userId,
      endsAt: minutes(119),
    });
    await expect(sessionsAt(minutes(61)).check(requestWith({ wmo_sessie: token }))).resolves.toEqual({
      state: 'ended',
    });
  });

  it('when the cookie outlives the session, then the session reads as ended for a day, so the sign-in page can say why', async () => {
    const jar = cookieJar();
    await sessionsAt(signedInAt).signIn(requestWith({}), jar.res, userId);
    expect(jar.cookies.get('wmo_sessie')?.maxAge).toBe(3_600 + 86_400);
  });

  it('when the cookie is missing, forged or for another secret, then there is no session (never "ended")', async () => {
    const sessions = sessionsAt(minutes(10));
    await expect(sessions.check(requestWith({}))).resolves.toEqual({ state: 'none' });
    await expect(sessions.check(requestWith({ wmo_sessie: 'not.a.token' }))).resolves.toEqual({ state: 'none' });
    const foreign = await sessionCookieAt('another secret of at least 32 characters!', userId, minutes(-120));
    await expect(sessions.check(requestWith({ wmo_sessie: foreign }))).resolves.toEqual({ state: 'none' });
  });

  it('when a page renews the session, then the form token stays the same and its cookie lives as long as the session', async () => {
    const sessions = sessionsAt(signedInAt);
    const first = cookieJar();
    const token = sessions.csrfToken(requestWith({}), first.res);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = cookieJar();
    expect(sessions.csrfToken(requestWith({ wmo_csrf: token }), again.res)).toBe(token);
    expect(again.cookies.get('wmo_csrf')).toEqual({ value: token, maxAge: 3_600 + 86_400 });
  });
});
