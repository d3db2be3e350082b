import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { bootstrapTool } from '../app';
import { analyzeAfterBulkLoad } from '../db';
import { EXIT_FAILED, runCommandLine } from '../common';
import { assertReadable, detectFormat } from './file-source';
import { parseImportArgs, USAGE, type ImportArgs } from './import.args';
import { createProgressReporter, formatSummary, progressLine } from './import.report';
import { ImportService } from './import.service';
import { ImportFileError, type ImportProgress } from './import.types';

/** Exit codes: 0 done (rejected rows included), 1 the file or database failed, 2 bad usage. */

async function run(args: ImportArgs): Promise<void> {
  const config = loadConfig();
  // Check the file before starting anything, so a typo fails in milliseconds.
  detectFormat(args.file);
  await assertReadable(args.file);
  const runtime = await bootstrapTool(config);
  const progress = createProgressReporter(process.stderr);
  let last: ImportProgress | undefined;
  try {
    const { services } = runtime;
    const importer = new ImportService(services.ingest, config.ingest);
    const summary = await importer.importFile({ ...args, onProgress: (p) => progress.update((last = p)) });
    progress.done();
    await analyzeAfterBulkLoad(runtime.database.db);
    process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
    // The tool runs no refresh after each batch (that is the server's): one full refresh covers the whole import.
    const refreshed = await services.recommendations.refresh();
    process.stderr.write(`recommendations refreshed: ${refreshed.popularProducts} popular products, ${refreshed.visitorLists} visitor lists in ${refreshed.durationMs} ms\n`);
  } catch (error) {
    progress.done();
    if (last) process.stderr.write(`stopped after: ${progressLine(last)} (batches already accepted stay stored; re-running skips them as duplicates)\n`);
    throw error;
  } finally {
    await runtime.close();
  }
}

runCommandLine<ImportArgs>({
  usage: USAGE,
  parse: parseImportArgs,
  wantsHelp: (args) => args.help,
  run: async (args) => {
    try {
      await run(args);
      return 0;
    } catch (error) {
      // A file problem is the user's to fix and its message says how; anything else may be a bug, so show where.
      const detail = error instanceof ImportFileError || error instanceof ConfigError || !(error instanceof Error) ? String((error as Error).message ?? error) : (error.stack ?? error.message);
      process.stderr.write(`import failed: ${detail}\n`);
      return EXIT_FAILED;
    }
  },
});
