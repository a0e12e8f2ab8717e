// `POST /` (operationId `meditate`): one meditation, drawn with the given random source. The
// request's body is ignored, as the contract says.

import { meditate as pick } from '../../domain/meditate.ts';
import type { Operations } from '../../shared/contract.ts';
import type { OperationResult } from '../dispatch.ts';
import type { Dependencies } from './index.ts';

export const meditate = async (
  _event: unknown,
  { randomInt }: Dependencies,
): Promise<OperationResult<Operations['meditate']>> => ({ statusCode: 200, body: pick(randomInt) });
