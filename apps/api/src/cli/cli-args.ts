import { BadInput } from '@app/domain';
/** A minimal `--name value` / positional parser for the command-line tools. */
export function parseArgs(argv: string[]): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      if (inline !== undefined) options.set(name, inline);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) options.set(name, argv[(i += 1)]);
      else options.set(name, 'true');
    } else {
      positional.push(arg);
    }
  }
  return { positional, options };
}

export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** A value the domain's rules accept, or the command stops with their sentence (exit code 2). */
export function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof BadInput) fail(error.message);
    throw error;
  }
}
