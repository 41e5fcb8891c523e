// What the repository's process-level tests and benchmarks share: a free
// loopback port, and how they start Chromium.
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

/**
 * Debian's Chromium (CHROMIUM_PATH for another), headless and without the
 * background traffic of a desktop browser: Playwright's launch options.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
