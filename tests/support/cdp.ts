// A small client of the Chrome DevTools Protocol, as a debugger speaks it to Node's inspector: one
// WebSocket, commands answered by id, events waited for; worker threads reached through the
// NodeWorker domain, each as a session of its own.
// https://chromedevtools.github.io/devtools-protocol/v8/ and …/tot/NodeWorker/

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: unknown };
type Listener = (message: Message) => boolean;

export interface CdpSession {
  send: <T = Record<string, unknown>>(method: string, params?: Record<string, unknown>) => Promise<T>;
  /** The next event of this name that `matches`, whether it has already arrived or not. */
  next: (method: string, matches?: (params: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
}

/** A session over messages: `post` sends one, `receive` is handed each one that arrives. */
const session = (post: (text: string) => void): CdpSession & { receive: (message: Message) => void } => {
  let nextId = 1;
  const waiting = new Map<number, (message: Message) => void>();
  const arrived: Message[] = [];
  let listeners: Listener[] = [];
  return {
    receive: (message) => {
      if (message.id !== undefined) return waiting.get(message.id)?.(message);
      const before = listeners.length;
      listeners = listeners.filter((listener) => !listener(message));
      if (listeners.length === before) arrived.push(message);
    },
    send: (method, params = {}) => {
      const id = nextId++;
      post(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) =>
        waiting.set(id, (message) => {
          waiting.delete(id);
          if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
          else resolve(message.result as never);
        }),
      );
    },
    next: (method, matches = () => true) =>
      new Promise((resolve) => {
        const found = (message: Message) => message.method === method && matches(message.params ?? {});
        const earlier = arrived.findIndex(found);
        if (earlier !== -1) return resolve(arrived.splice(earlier, 1)[0]!.params ?? {});
        listeners.push((message) => {
          if (!found(message)) return false;
          resolve(message.params ?? {});
          return true;
        });
      }),
  };
};

export interface Inspector extends CdpSession {
  /** The session of a worker thread that attached (NodeWorker.attachedToWorker). */
  worker: (sessionId: string) => CdpSession;
  close: () => void;
}

/** Connects to an inspector's WebSocket URL (`ws://127.0.0.1:9229/<id>`). */
export const connectInspector = async (url: string): Promise<Inspector> => {
  const socket = new WebSocket(url);
  await new Promise((open, failed) => {
    socket.addEventListener('open', open, { once: true });
    socket.addEventListener('error', failed, { once: true });
  });
  const main = session((text) => socket.send(text));
  const workers = new Map<string, ReturnType<typeof session>>();
  socket.addEventListener('message', ({ data }) => {
    const message = JSON.parse(String(data)) as Message;
    if (message.method === 'NodeWorker.receivedMessageFromWorker') {
      const { sessionId, message: inner } = message.params as { sessionId: string; message: string };
      workers.get(sessionId)?.receive(JSON.parse(inner));
    } else main.receive(message);
  });
  return {
    ...main,
    worker: (sessionId) => {
      const worker = session((text) => void main.send('NodeWorker.sendMessageToWorker', { sessionId, message: text }));
      workers.set(sessionId, worker);
      return worker;
    },
    close: () => socket.close(),
  };
};
