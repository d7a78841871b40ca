// The floor of the benchmark: Node's own http server answering a constant JSON body of the same shape as a
// prediction, with no parsing, validation, model or logging. Prints {"url"} when ready.
import { createServer } from 'node:http';

const body = JSON.stringify({
  probability: 0.1234,
  score: 612.5,
  riskBand: 'C',
  reasons: [
    {
      code: 'RC01',
      characteristic: 'status_of_existing_checking_account',
      value: '... < 0 DM',
      points: 41.2,
    },
  ],
  model: { name: 'constant', version: 1, artifactHash: '0'.repeat(64) },
  requestId: 'constant',
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })),
);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
