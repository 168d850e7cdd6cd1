import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

export const ROOT = join(__dirname, '..', '..');

export { freePort } from '../../test/support/free-port';

/*
 * Servers under test run as plain JavaScript in processes of their own (so load and server do not
 * share a core). Not through ts-node: it loads Node's REPL, and with it the `domain` module, which
 * puts a wrapper around every EventEmitter.emit and slows whatever runs under it.
 */

/** Builds the bundle `npm run start:prod` runs (dist/apps/api), so spawnService runs this checkout's code. */
export function buildService(): void {
  execFileSync('npx', ['nest', 'build', 'api'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The service as `npm run start:prod` runs it; call buildService first. */
export function spawnService(env: Record<string, string>, extraNodeArgs: string[] = []): ChildProcess {
  return spawnNode(join(ROOT, 'dist', 'apps', 'api', 'main.js'), env, extraNodeArgs);
}

/** A standalone TypeScript file (npm imports only), transpiled into .bench/ and run there. */
export function spawnCompiled(entry: string, env: Record<string, string>, extraNodeArgs: string[] = []): ChildProcess {
  const source = readFileSync(join(ROOT, entry), 'utf8');
  const { outputText } = transpileModule(source, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true } });
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  const file = join(ROOT, '.bench', basename(entry).replace(/\.ts$/, '.js'));
  writeFileSync(file, outputText);
  return spawnNode(file, env, extraNodeArgs);
}

function spawnNode(file: string, env: Record<string, string>, extraNodeArgs: string[]): ChildProcess {
  return spawn(process.execPath, [...extraNodeArgs, file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Resident memory of a process in MiB (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kib / 1024) * 10) / 10;
}

/** CPU seconds (user + system) a process has used so far (Linux, /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times, on every platform Node runs Linux on. */
const CLOCK_TICKS = 100;
