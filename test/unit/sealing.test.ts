import { randomBytes } from 'node:crypto';
import { SealingFailure, SecretBox } from '../../activities/sealing';

const key = (id: string) => ({ id, key: randomBytes(32) });
const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('secrets sealed at rest', () => {
  const current = key('2026-12');
  const box = new SecretBox([current]);

  it('when a secret is sealed, then what is stored names the key, reveals nothing of it, differs each time and opens to it', () => {
    const stored = box.seal(secret);
    expect(stored).toMatch(/^sealed:2026-12:[A-Za-z0-9+/]+={0,2}$/);
    expect(stored).not.toContain(secret.slice(6, 30));
    expect(box.seal(secret)).not.toBe(stored);
    expect(box.open(stored)).toBe(secret);
    expect(box.holds(stored, secret)).toBe(true);
    expect(box.holds(stored, `${secret}x`)).toBe(false);
  });

  it('when a new key is rotated in first, then the new key seals and a secret sealed under the old one still opens', () => {
    const old = box.seal(secret);
    const rotated = new SecretBox([key('2027-01'), current]);
    expect(rotated.open(old)).toBe(secret);
    expect(rotated.seal(secret)).toMatch(/^sealed:2027-01:/);
  });

  it('when the key that sealed a secret is no longer configured, then opening says which key is missing', () => {
    const stored = box.seal(secret);
    const other = new SecretBox([key('other')]);
    expect(() => other.open(stored)).toThrow(
      new SealingFailure('The value was sealed with key "2026-12", which is not configured'),
    );
    expect(other.holds(stored, secret)).toBe(false);
  });

  it('when what is stored was changed, then it does not open', () => {
    const stored = box.seal(secret);
    const data = Buffer.from(stored.split(':')[2]!, 'base64');
    data[14] = (data[14] ?? 0) ^ 1;
    expect(() => box.open(`sealed:2026-12:${data.toString('base64')}`)).toThrow(SealingFailure);
  });

  it('when a secret was stored before sealing, then it is read as it is', () => {
    expect(box.open(secret)).toBe(secret);
  });
});
