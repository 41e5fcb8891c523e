// A free loopback port, for the process-level tests and benchmarks that
// start servers of their own.
import net from 'node:net';

/** A TCP port nothing listens on at the moment (loopback). */
export function freePort() {
  return new Promise(resolve => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
