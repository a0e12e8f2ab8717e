// Telling CodeDeploy the gate's verdict (PutLifecycleEventHookExecutionStatus), retried with
// exponential back-off and jitter while time allows: a lost report would leave the deployment
// waiting until the hook's own timeout.
// https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_PutLifecycleEventHookExecutionStatus.html

export type HookStatus = 'Succeeded' | 'Failed';

export interface ReportOptions {
  /** Sends the status once; rejects when CodeDeploy did not take it. */
  send: (status: HookStatus) => Promise<void>;
  /** Attempts at most. @default 6 */
  attempts?: number;
  /** The first wait between attempts, doubled each time. @default 200 */
  baseDelayMs?: number;
  /** No attempt starts after this time (epoch milliseconds). */
  until: number;
  onRetry?: (attempt: number, error: Error) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reports `status`; rejects with the last error once the attempts or the time run out. */
export const reportStatus = async (
  status: HookStatus,
  { send, attempts = 6, baseDelayMs = 200, until, onRetry }: ReportOptions,
): Promise<number> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await send(status);
      return attempt;
    } catch (error) {
      const wait = baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      if (attempt >= attempts || Date.now() + wait >= until) throw error;
      onRetry?.(attempt, error as Error);
      await sleep(wait);
    }
  }
};
