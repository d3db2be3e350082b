import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes of the command-line tools: 0 done, 1 failed, 2 bad usage. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A command line a tool cannot run; the message says what is wrong, the tool's usage follows it. */
export class UsageError extends Error {}

/** node:util's parseArgs with positionals allowed, its complaints turned into UsageErrors. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface CommandLineTool<A> {
  usage: string;
  /** Reads the arguments; throws UsageError when they are wrong. */
  parse(argv: string[]): A;
  /** True when the arguments ask for the usage. */
  wantsHelp(args: A): boolean;
  /** Does the work; resolves with the exit code. */
  run(args: A): Promise<number>;
}

/** Runs a tool on this process's arguments: a UsageError prints its message and the usage (exit 2), --help the usage (exit 0). */
export function runCommandLine<A>(tool: CommandLineTool<A>): void {
  const main = async (): Promise<number> => {
    let args: A;
    try {
      args = tool.parse(process.argv.slice(2));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`${error.message}\n\n${tool.usage}\n`);
      return EXIT_USAGE;
    }
    if (tool.wantsHelp(args)) {
      process.stdout.write(`${tool.usage}\n`);
      return 0;
    }
    return tool.run(args);
  };
  main().then((code) => {
    process.exitCode = code;
  });
}
