/** What every command-line entry point shares: strict flag parsing and the script's exit path. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeError } from '../shared/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags only (no positionals), unknown flags refused; a parse error becomes `fail(first line of node's message)`. */
export function parseFlags<O extends Options>(argv: string[], options: O, fail: (message: string) => Error) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (e) {
    // node:util errors come from another realm under jest: read the message by shape.
    const message = (e as { message?: unknown }).message;
    throw fail(typeof message === 'string' ? (message.split('\n')[0] ?? 'bad arguments') : 'bad arguments');
  }
}

export interface ScriptIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs `main` as the process's script: exits with its code once stdout is flushed; a crash exits 1 with one line. */
export function runScript(name: string, main: (io: ScriptIo) => Promise<number>): void {
  main({ stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
    (code) => process.stdout.write('', () => process.exit(code)),
    (e: unknown) => {
      process.stderr.write(`${name}: ${describeError(e)}\n`);
      process.exit(1);
    },
  );
}
