// Tiny HTTP server for the load-tool regression series. Each request does a
// fixed amount of CPU work (sha256 rounds) scaled by KB_REGRESSION_FACTOR
// (1.00, 1.10, 1.15, 1.30), so the "slower" series are the same program made
// slower, not a different program. Listens on 127.0.0.1 only; prints the port.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const factor = Number(process.env.KB_REGRESSION_FACTOR ?? '1');
const rounds = Math.round(2000 * factor);
const server = createServer((_req, res) => {
  let h = Buffer.from('sophia');
  for (let i = 0; i < rounds; i++) h = createHash('sha256').update(h).digest();
  res.end(h.toString('hex'));
});
server.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`${typeof addr === 'object' && addr ? addr.port : ''}\n`);
});
