// The pre-traffic hook (`Handler: handler.handler`, template.yaml's PreTrafficHook): this project's
// contract gate, the battery and validators generated from openapi.yaml (src/pre-traffic/hook.ts).
import { BATTERY } from '../../generated/battery.ts';
import { responses } from '../../generated/validators.js';
import { preTrafficHook } from './hook.ts';

export const handler = preTrafficHook({ plan: BATTERY, validators: responses });
