/**
 * What a CLI command is: a name, its help text, its options, and a `run` that writes to the
 * given streams and returns an exit code. Errors are thrown, and `run-cli.ts` turns them into
 * messages and exit codes in one place.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { INSTANT_FORMS, parseInstant } from '../primitives/instant.js';

/** Where a command writes, and what it reads for `-`. */
export interface CliIO {
  /** Results. */
  readonly stdout: { write(text: string): unknown };
  /** Problems and diagnostics; `isTTY` when a person watches it (progress lines are shown then). */
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** The directory paths are resolved from. */
  readonly cwd: string;
  /** Standard input, read for a `-` file argument. */
  readonly stdin?: AsyncIterable<Buffer | string>;
}

/** An input a command cannot read (a usage log that is missing or corrupt). Exit code 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Exit codes: 0 success, 1 a request that cannot be priced or invalid rules, 2 a usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A bad command line: unknown option, missing argument, malformed number. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /**
   * @param message - what is wrong with the command line
   * @param command - the command whose `--help` explains it
   */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Options as `node:util` `parseArgs` declares them. */
type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** One subcommand of `pricing`. */
export interface Command {
  /** The word that selects it: `quote`. */
  readonly name: string;
  /** The full `pricing <command> --help` text. */
  readonly help: string;
  /** Its options. */
  readonly options: OptionSpec;
  /**
   * Runs the command.
   * @param args - parsed options and positionals
   * @param io - where to write
   * @returns the exit code
   */
  run(args: ParsedArgs, io: CliIO): number | Promise<number>;
}

/** Parsed command-line arguments. */
export interface ParsedArgs {
  /** Option values by name: a string, or true for a flag. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Positional arguments. */
  readonly positionals: readonly string[];
}

/**
 * Parses a command's arguments strictly. A value that starts with a dash and a digit (`--duration
 * -5`) is the option's value, to be refused by the option's own check, not an unknown option; an
 * option given twice is an error, not the last one silently winning.
 * @param command - the command
 * @param argv - the arguments after the command word
 * @returns the parsed arguments
 * @throws {@link UsageError} for an unknown, repeated or incomplete option
 */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && command.options[name]?.type === 'string' && next !== undefined && /^-[0-9.]/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), command.name);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice; give it once`, command.name);
    seen.add(token.name);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

/**
 * Reads a whole, non-negative number from an option.
 * @param name - the option, for the message
 * @param value - its text
 * @param command - the command, for the message
 * @returns the number
 * @throws {@link UsageError} when the text is not a whole number ≥ 0
 */
export function wholeNumberOption(name: string, value: string, command: string): number {
  if (!/^(0|[1-9][0-9]{0,5})$/.test(value)) throw new UsageError(`--${name} expects a whole number ≥ 0, found "${value}"`, command);
  return Number(value);
}

/**
 * Reads the `--at` option: the instant prices are read at.
 * @param value - the option's text, or undefined when it was not given
 * @param command - the command, for the message
 * @returns epoch milliseconds, or undefined for "now"
 * @throws {@link UsageError} when the text is not an ISO 8601 instant
 */
export function instantOption(value: string | boolean | undefined, command: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = parseInstant(value);
  if (ms === undefined) throw new UsageError(`--at expects ${INSTANT_FORMS.join(' or ')}, found "${value}"`, command);
  return ms;
}
