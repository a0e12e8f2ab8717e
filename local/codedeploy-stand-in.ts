// A stand-in for the one CodeDeploy call a pre-traffic hook makes,
// PutLifecycleEventHookExecutionStatus (AWS JSON 1.1, as the AWS SDK sends it), recording each
// status reported, so a hook's real bundle can run locally from start to report.
// https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_PutLifecycleEventHookExecutionStatus.html
import { createServer } from 'node:http';
import { readBody } from './http/read-body.ts';

const OPERATION = 'CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus';

export interface HookReport {
  deploymentId: string;
  lifecycleEventHookExecutionId: string;
  status: string;
}

export interface CodeDeployStandIn {
  /** For AWS_ENDPOINT_URL_CODEDEPLOY. */
  url: string;
  reports: HookReport[];
  close: () => Promise<void>;
}

const CONTENT_TYPE = { 'Content-Type': 'application/x-amz-json-1.1' };

const parseReport = (body: Buffer): HookReport | undefined => {
  try {
    const report = JSON.parse(body.toString('utf8')) as Partial<HookReport> | null;
    return typeof report?.status === 'string' ? (report as HookReport) : undefined;
  } catch {
    return undefined;
  }
};

/** Listens on 127.0.0.1, on a free port. */
export const startCodeDeployStandIn = async (): Promise<CodeDeployStandIn> => {
  const reports: HookReport[] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request, 64 * 1024);
    const report =
      request.headers['x-amz-target'] === OPERATION && body.kind === 'complete' ? parseReport(body.body) : undefined;
    if (report === undefined) {
      const message = `This stand-in answers ${OPERATION} with a status only`;
      response.writeHead(400, { ...CONTENT_TYPE, 'X-Amzn-ErrorType': 'ValidationException' });
      response.end(JSON.stringify({ __type: 'ValidationException', message }));
      return;
    }
    reports.push(report);
    response.writeHead(200, CONTENT_TYPE);
    response.end(JSON.stringify({ lifecycleEventHookExecutionId: report.lifecycleEventHookExecutionId }));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    reports,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
};
