import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { ContainerRuntimeAvailability } from './container-runtime-probe';

/** Pulling an image may take minutes; past this, the suite is skipped rather than left hanging. */
const PROBE_TIMEOUT_MS = 5 * 60_000;

/**
 * Whether containers of `image` can run here, found out synchronously at module load so a suite
 * can be defined with describe or describe.skip (jest has no asynchronous test registration).
 * Without a runtime, testcontainers fails within milliseconds, so this costs a Node start-up.
 */
export function containerRuntimeFor(image: string): ContainerRuntimeAvailability {
  const result = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'container-runtime-probe.ts'), image],
    { cwd: resolve(__dirname, '../../..'), encoding: 'utf8', timeout: PROBE_TIMEOUT_MS },
  );
  const lastLine = result.stdout?.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(lastLine) as ContainerRuntimeAvailability;
  } catch {
    const why = result.error?.message ?? (result.stderr?.trim().split('\n')[0] || `exit code ${result.status}`);
    return { available: false, reason: `the container runtime probe failed (${why})` };
  }
}
