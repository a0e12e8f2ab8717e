// `npm run security:audit`: npm audit of the production dependencies (what the bundle ships).
// Fails on a high or critical finding; says plainly, without failing, when the registry's audit
// endpoint does not answer, because then nothing was audited.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

interface AuditReport {
  metadata?: { vulnerabilities?: Record<'info' | 'low' | 'moderate' | 'high' | 'critical' | 'total', number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
  message?: string;
  error?: { summary?: string };
}

const run = promisify(execFile);

/** npm audit's JSON report; npm exits non-zero both for findings and for errors, so read stdout either way. */
const audit = async (): Promise<AuditReport> => {
  try {
    const { stdout } = await run('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 32 * 1024 * 1024 });
    return JSON.parse(stdout) as AuditReport;
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    try {
      return JSON.parse(stdout ?? '') as AuditReport;
    } catch {
      return { message: (error as Error).message.split('\n')[0] ?? 'npm audit failed' };
    }
  }
};

const report = await audit();
const counts = report.metadata?.vulnerabilities;
if (counts === undefined) {
  console.log(
    `npm audit: the registry's audit endpoint did not answer (${report.message ?? report.error?.summary ?? 'no report'}).`,
  );
  console.log('npm audit: the production dependencies were NOT audited in this run.');
} else {
  console.log(
    `npm audit (production dependencies): ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low.`,
  );
  for (const [name, { severity }] of Object.entries(report.vulnerabilities ?? {}))
    console.log(`  ${severity.padEnd(8)} ${name}`);
  if (counts.high + counts.critical > 0) process.exit(1);
}
