import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mintToken } from '../api/auth';
import { projectRoot } from './config';

/** The p-th fraction (0..1) of sorted milliseconds, to one decimal. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
}

export interface Run {
  perSecond: number;
  p50: number;
  p95: number;
  max: number;
  failed: number;
}

/**
 * `count` calls of `call(i)` with `concurrency` of them in flight at any time; each call's time
 * and the whole run's rate. A call that throws counts as failed (and is not timed).
 */
export async function inFlight(concurrency: number, count: number, call: (i: number) => Promise<void>): Promise<Run> {
  const took: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        try {
          await call(i);
          took.push(performance.now() - t0);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  took.sort((a, b) => a - b);
  return {
    perSecond: Math.round(((count - failed) / seconds) * 10) / 10,
    p50: percentile(took, 0.5),
    p95: percentile(took, 0.95),
    max: percentile(took, 1),
    failed,
  };
}

/** Resolves once `condition()` holds (checked every 100 ms); false when `timeoutMs` passed first. */
export async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** The API as a seeded user with a bearer token; a non-2xx answer throws with its body. */
export function apiAs(base: string, jwtSecret: string, userId: string) {
  const token = mintToken(jwtSecret, userId, '2h');
  const call = async (method: 'GET' | 'POST', url: string, body?: object): Promise<unknown> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { Authorization: `Bearer ${await token}`, ...(body && { 'Content-Type': 'application/json' }) },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return { get: (url: string) => call('GET', url), post: (url: string, body: object) => call('POST', url, body) };
}

/** Resident memory of a process in MB (Linux /proc), or NaN when it is gone. */
export async function rssMb(pid: number | undefined): Promise<number> {
  if (!pid) return NaN;
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** /proc/<pid>/stat after the command name: [state, ppid, ...]; undefined when the process is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user + system) a process and its descendants have used so far, the ended children
 * it waited for included (Linux /proc): a PostgreSQL server's backends count as the server's.
 */
export function cpuSeconds(pid: number | undefined): number {
  // One pass over /proc: every process's fields, and who its children are.
  const stats = new Map<number, string[]>();
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const p = Number(entry);
    const f = Number.isInteger(p) ? statFields(p) : undefined;
    if (!f) continue;
    stats.set(p, f);
    const ppid = Number(f[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), p]);
  }
  const ticks = (p: number): number => {
    const f = stats.get(p);
    // utime, stime, cutime, cstime are fields 14-17 of stat(5), 11-14 here.
    const own = f ? [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i]), 0) : 0;
    return own + (children.get(p) ?? []).reduce((sum, c) => sum + ticks(c), 0);
  };
  return pid && stats.has(pid) ? ticks(pid) / clockTicks : NaN;
}

/** CPU seconds this process has used, its children not included. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * With BENCH_CPU_PROFILE set to a folder, every script started below writes V8 CPU profiles there
 * when it stops: one `.cpuprofile` per thread (the worker's workflows run in threads of their own),
 * for Chrome's DevTools or speedscope.
 */
function profiling(): string[] {
  const folder = process.env.BENCH_CPU_PROFILE;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(folder)}`] : [];
}

/** A node script of ours as its own process; resolves once it prints `ready`. */
export async function startScript(script: string, env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...profiling(), '--import', 'tsx', path.join(projectRoot, 'scripts', script)],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${script} stopped (${code}):\n${out}`)));
  });
  return child;
}

export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
