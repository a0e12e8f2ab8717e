// The comparison point for the local runner: node:http answering a small JSON success to any
// request, as the floor handler does (bench/handlers/floor.ts), and nothing else.
import { createServer } from 'node:http';

const BODY = JSON.stringify({ status: 'success', id: 'c6af9ac6-7b61-41e6-9a41-93e8deadbeef' });

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(BODY);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address !== null) console.log(`bare server: http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
