// `npm run bench [-- [--quick] [--out file.json]]`: measures, judges against the budgets, prints, writes the JSON.
// What the function costs against a raw handler (the floor) measured in the same run, what each
// layer costs, and how the local runner compares with a bare server: one table on stdout, the
// figures as JSON, exit 1 when a budget fails and 2 for a command line it does not understand.
// --quick is the small run CI does: it enforces the size budgets only, since timings belong to a
// quiet machine; a full run on a machine other work keeps busy (bench/machine.ts) reports its
// timings without judging them, and says so.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { judge } from './judge.ts';
import { busyShare } from './machine.ts';
import { measure, settingsFor } from './measure.ts';
import { parseOptions } from './options.ts';
import { formatFailures, formatHeading, formatTable, jsonReport, type Run } from './report.ts';

const main = async (): Promise<number> => {
  const parsed = parseOptions(process.argv.slice(2));
  if ('error' in parsed) {
    console.error(parsed.error);
    return 2;
  }
  const { quick, out } = parsed.options;
  const settings = settingsFor(quick);
  // A quick run judges no timing, so it need not spend two seconds asking how busy the machine is.
  const before = quick ? 0 : await busyShare();
  const figures = await measure(settings, quick);
  const after = quick ? 0 : await busyShare();

  const run: Run = {
    state: { quick, busy: { before, after } },
    settings,
    node: process.versions.node,
    date: new Date(),
  };
  const judgement = judge(figures, run.state);
  console.log(`\n${formatHeading(run)}\n`);
  for (const line of formatTable(judgement.verdicts)) console.log(line);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(jsonReport(run, judgement), null, 2)}\n`);
  console.log(`\nFigures written to ${out}`);

  const failures = formatFailures(judgement);
  if (failures === undefined) return 0;
  console.log(`\n${failures}`);
  return 1;
};

process.exitCode = await main();
