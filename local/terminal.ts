// The terminal side of the runner: lines written in batches (one write per turn of the event loop
// instead of one per line, which under load costs more than the function served), and output that
// may go away (`npm start | head`) without taking the API with it.

/** Whether the stream can still be written: a reader that went away (EPIPE) stops output, not the API. */
export const guardOutput = (stream: NodeJS.WritableStream): (() => boolean) => {
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  return () => open;
};

/** A line writer that buffers until the event loop is idle, then writes everything at once. */
export const batchedLines = (stream: NodeJS.WritableStream = process.stdout): ((line: string) => void) => {
  const isOpen = guardOutput(stream);
  let pending: string[] = [];
  const flush = () => {
    const text = `${pending.join('\n')}\n`;
    pending = [];
    if (isOpen()) stream.write(text);
  };
  return (line) => {
    if (!isOpen()) return;
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
};
