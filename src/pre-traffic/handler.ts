// The pre-traffic hook (`Handler: handler.handler`, template.yaml's PreTrafficHook): this project's
// contract gate, the battery and validators generated from openapi.yaml (src/pre-traffic/hook.ts),
// reaching Lambda and CodeDeploy through the SDK (src/pre-traffic/aws.ts).
import { BATTERY } from '../../generated/battery.ts';
import { responses } from '../../generated/validators.js';
import { codeDeployReport, lambdaInvoke } from './aws.ts';
import { preTrafficHook } from './hook.ts';

// Read once: the version under test (template.yaml passes `!Ref MeditationsFunction.Version`), the
// stage, and the hook's service name (`<stack>-pre-traffic`), which its events say as their User-Agent.
const { TARGET_FUNCTION_VERSION = '', STAGE_NAME = 'v1', POWERTOOLS_SERVICE_NAME = 'pre-traffic-hook' } = process.env;

export const handler = preTrafficHook({
  battery: { plan: BATTERY, validators: responses },
  targetVersion: TARGET_FUNCTION_VERSION,
  stage: STAGE_NAME,
  userAgent: POWERTOOLS_SERVICE_NAME,
  invoke: lambdaInvoke(),
  report: codeDeployReport(),
});
