import { spawn } from 'node:child_process';
import { cpuSeconds, ownCpuSeconds, until } from '../../scripts/bench-support';

// bench:scale divides these readings by calls to tell where a registration's CPU goes (issue 12).
describe('CPU readings of the scale benchmark', () => {
  /** A child that keeps a core busy for `ms` of its own CPU time, then exits. */
  const busyChild = (ms: number) => {
    const child = spawn(process.execPath, [
      '-e',
      `const end = process.cpuUsage().user + ${ms * 1000}; while (process.cpuUsage().user < end) {}`,
    ]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return { pid: child.pid, exited };
  };

  it('counts a child while it runs and after it has ended', async () => {
    const before = cpuSeconds(process.pid);
    const child = busyChild(300);
    // While it runs, its own reading grows, and so does this process's (its parent's).
    expect(await until(() => cpuSeconds(child.pid) >= 0.1, 10_000)).toBe(true);
    expect(cpuSeconds(process.pid) - before).toBeGreaterThanOrEqual(0.1);
    await child.exited;
    // Reaped by Node: its time is now in this process's children's total.
    expect(cpuSeconds(process.pid) - before).toBeGreaterThanOrEqual(0.3);
  });

  it("keeps this process's own time apart from its children's", async () => {
    const ownBefore = ownCpuSeconds();
    const treeBefore = cpuSeconds(process.pid);
    await busyChild(1_000).exited;
    const own = ownCpuSeconds() - ownBefore;
    expect(cpuSeconds(process.pid) - treeBefore - own).toBeGreaterThanOrEqual(1);
    // Starting a child costs this process some CPU (0.22 s seen on a slow machine), far below the child's second.
    expect(own).toBeLessThan(0.5);
  });

  it('is NaN for a process that is gone', async () => {
    const child = busyChild(0);
    await child.exited;
    expect(cpuSeconds(child.pid)).toBeNaN();
    expect(cpuSeconds(undefined)).toBeNaN();
  });
});
