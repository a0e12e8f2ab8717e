// Lines for the terminal, written in batches: one write per turn of the event loop instead of one
// per line, which under load costs the runner more than the function it serves.

/** A line writer that buffers until the event loop is idle, then writes everything at once. */
export const batchedLines = (stream: NodeJS.WritableStream = process.stdout): ((line: string) => void) => {
  let pending: string[] = [];
  const flush = () => {
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
};
