import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumMissing } from './browser';

const ROOT = join(__dirname, '..', '..', '..');
export const WEB_ROOT = join(ROOT, 'dist', 'apps', 'reviewer-web');
const SOURCES = join(ROOT, 'apps', 'reviewer-web');

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).filter((name) => name !== 'node_modules').map((name) => newestSource(join(path, name))));
}

/**
 * jest globalSetup of the browser tests: builds the web app (`npm run build:web`, a few seconds)
 * unless the build is newer than every source file, so the tests always drive the current code.
 */
export default function buildWebApp(): void {
  if (chromiumMissing()) return;
  const index = join(WEB_ROOT, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestSource(SOURCES)) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(SOURCES, 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
