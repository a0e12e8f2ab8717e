// The request body, read as Fastify's rawBody reads it: up to a limit, and no further. What is
// left of a body past the limit is read and dropped within a bound, so that the client gets to
// read the 413 before the connection closes.
import type { IncomingMessage } from 'node:http';

export type BodyResult = { kind: 'complete'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/** Reads the body while it stays within `limit` bytes (declared or received). */
export const readBody = (request: IncomingMessage, limit: number): Promise<BodyResult> =>
  new Promise((settle) => {
    if (Number(request.headers['content-length'] ?? 0) > limit) return settle({ kind: 'too-large' });
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyResult) => {
      request.off('data', onData).off('end', onEnd).off('close', onClose);
      settle(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) finish({ kind: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'complete', body: Buffer.concat(chunks) });
    const onClose = () => finish({ kind: 'aborted' });
    request.on('data', onData).on('end', onEnd).on('close', onClose);
  });

export interface DiscardBounds {
  maxBytes: number;
  maxMs: number;
}

/**
 * Reads and drops the rest of the body. Closing while the client still sends makes its kernel
 * reset the connection, often before the client has read the answer. Past either bound the
 * connection is cut anyway: 'cut'.
 */
export const discardRest = (request: IncomingMessage, { maxBytes, maxMs }: DiscardBounds): Promise<'drained' | 'cut'> =>
  new Promise((settle) => {
    if (request.complete) return settle('drained');
    let discarded = 0;
    const finish = (outcome: 'drained' | 'cut') => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd);
      if (outcome === 'cut') request.socket.destroy();
      settle(outcome);
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) finish('cut');
    };
    const onEnd = () => finish('drained');
    const timer = setTimeout(() => finish('cut'), maxMs);
    request.on('data', onData).on('end', onEnd);
    request.on('close', () => finish(request.complete ? 'drained' : 'cut'));
    request.resume();
  });
