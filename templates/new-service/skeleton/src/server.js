// ${{ values.name }}: a minimal HTTP service with the health check the
// platform's Application probes (/healthz).
const http = require('node:http');

const port = Number(process.env.PORT ?? 8080);

http
  .createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ service: '${{ values.name }}' }));
  })
  .listen(port, () => {
    console.log(`${{ values.name }} listening on :${port}`);
  });
