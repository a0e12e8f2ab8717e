// The floor: a raw handler with no middleware, no logging and no metrics, answering the same body.
import { randomInt } from 'node:crypto';
import { MEDITATIONS } from '../../src/domain/meditate.ts';

export const handler = async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  body: JSON.stringify({ status: 'success', meditation: MEDITATIONS[randomInt(MEDITATIONS.length)] }),
});
