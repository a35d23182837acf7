import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, envSchema, loadConfig, projectRoot } from '../../scripts/config';

describe('loadConfig', () => {
  it('when nothing is set, then every default applies and the data dir is under the project', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config).toMatchObject({
      EMBEDDED_DB_PORT: 5433,
      TEMPORAL_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      TEMPORAL_ALLOW_DOWNLOAD: true,
      API_PORT: 3000,
      DB_POOL_SIZE: 10,
    });
    expect(config.dataDir).toBe(path.join(projectRoot, '.data'));
  });

  it('when APP_URL is unset, then the e-mails link to this machine on the API port; set, it wins', () => {
    expect(loadConfig({}).APP_URL).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ API_PORT: '3555' }).APP_URL).toBe('http://127.0.0.1:3555');
    expect(loadConfig({ API_PORT: '3555', APP_URL: 'https://wmo.zeist.example' }).APP_URL).toBe(
      'https://wmo.zeist.example',
    );
    expect(() => loadConfig({ APP_URL: 'not a url' })).toThrow(ConfigError);
  });

  it('when a flag says "false", then it is false (never Boolean("false"))', () => {
    expect(loadConfig({ TEMPORAL_ALLOW_DOWNLOAD: 'false' }).TEMPORAL_ALLOW_DOWNLOAD).toBe(false);
    expect(loadConfig({ TEMPORAL_ALLOW_DOWNLOAD: '0' }).TEMPORAL_ALLOW_DOWNLOAD).toBe(false);
  });

  it('when WORKER_CACHE_SIZE is set, then it is a whole number; unset, 1,000 workflows', () => {
    expect(loadConfig({ WORKER_CACHE_SIZE: '500' }).WORKER_CACHE_SIZE).toBe(500);
    expect(loadConfig({ WORKER_CACHE_SIZE: '' }).WORKER_CACHE_SIZE).toBe(1_000);
    expect(loadConfig({}).WORKER_CACHE_SIZE).toBe(1_000);
    expect(() => loadConfig({ WORKER_CACHE_SIZE: 'many' })).toThrow(ConfigError);
  });

  it('when TRUST_PROXY is a number, then it counts hops; otherwise it names the proxies', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
  });

  it('when a variable is empty, then it counts as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it.each([
    ['API_PORT', 'seventy', 'API_PORT'],
    ['API_PORT', '70000', 'API_PORT'],
    ['DATABASE_URL', 'mysql://x@y/z', 'DATABASE_URL'],
    ['TEMPORAL_ALLOW_DOWNLOAD', 'yes', 'TEMPORAL_ALLOW_DOWNLOAD'],
    ['TOKEN_TTL', '48h', 'TOKEN_TTL'],
    ['AUTH_FAILURE_LIMIT', '0', 'AUTH_FAILURE_LIMIT'],
  ])('when %s=%s, then start-up fails naming the variable', (name, value, named) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${named}:`));
  });

  it('when a variable is read, then .env.example and the README document it', () => {
    const example = readFileSync(path.join(projectRoot, '.env.example'), 'utf8');
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const name of Object.keys(envSchema.shape)) {
      expect([name, example.includes(name)]).toEqual([name, true]);
      expect([name, readme.includes(`| \`${name}\``)]).toEqual([name, true]);
    }
  });
});
