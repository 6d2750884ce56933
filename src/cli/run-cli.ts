/**
 * The `pricing` command line: picks the command, and is the one place where errors become
 * messages on stderr and exit codes (0 success, 1 cannot price or invalid rules, 2 usage).
 * No stack trace reaches the user.
 */
import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../primitives/package-root.js';
import { formatRuleIssue, PricingError, RuleSetError } from '../primitives/errors.js';
import { EXIT, InputError, parseCommandArgs, UsageError, type CliIO, type Command } from './command.js';
import { countIssues } from './count-issues.js';

/** A command's name and summary, and how to load it: a run loads only the command it runs. */
interface CommandEntry {
  /** The word that selects it. */
  readonly name: string;
  /** One line for `pricing --help`. */
  readonly summary: string;
  /** Imports the command. */
  load(): Promise<Command>;
}

/** Every command, in the order `pricing --help` lists them. */
const COMMANDS: readonly CommandEntry[] = [
  { name: 'quote', summary: 'print the credits a request costs', load: async () => (await import('./commands/quote.js')).quoteCommand },
  { name: 'list', summary: 'print every price point', load: async () => (await import('./commands/list.js')).listCommand },
  {
    name: 'validate',
    summary: 'check rule files against the JSON Schema and the semantic rules',
    load: async () => (await import('./commands/validate.js')).validateCommand,
  },
  {
    name: 'lint',
    summary: 'check that prices look right: monotone, consistent, traced to the price list',
    load: async () => (await import('./commands/lint.js')).lintCommand,
  },
  {
    name: 'diff',
    summary: 'show every price that moves between two revisions of the rules',
    load: async () => (await import('./commands/diff.js')).diffCommand,
  },
  {
    name: 'reconcile',
    summary: 'reprice a usage log and compare it with what the API charged',
    load: async () => (await import('./commands/reconcile.js')).reconcileCommand,
  },
  {
    name: 'export',
    summary: 'write the price table as CSV, JSON lines or SQL (tables and a view that prices usage)',
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
  {
    name: 'docs',
    summary: 'generate the pricing page from the rules, or check it is current',
    load: async () => (await import('./commands/docs.js')).docsCommand,
  },
];

/** The version in the package's `package.json`. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: pricing <command> [options]

Credit prices of the image and video generation API, from validated rule files.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "pricing <command> --help" for a command's options, "pricing --version" for the version.
`;
}

/**
 * Runs the CLI.
 * @param argv - the arguments after `pricing`
 * @param io - where to write, and the working directory
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  try {
    if (entry === undefined) throw new UsageError(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.help);
      return EXIT.ok;
    }
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIO): number {
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'pricing --help' : `pricing ${error.command} --help`;
    io.stderr.write(`pricing: ${error.message}\nSee "${help}".\n`);
    return EXIT.usage;
  }
  if (error instanceof PricingError) {
    io.stderr.write(`pricing: ${error.code}: ${error.message}\n`);
    return EXIT.failure;
  }
  if (error instanceof InputError) {
    io.stderr.write(`pricing: ${error.message}\n`);
    return EXIT.failure;
  }
  if (error instanceof RuleSetError) {
    for (const issue of error.issues) io.stderr.write(`${formatRuleIssue(issue)}\n`);
    io.stderr.write(`pricing: invalid rules: ${countIssues(error.issues)}\n`);
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`pricing: unexpected error: ${message}\n`);
  return EXIT.failure;
}
