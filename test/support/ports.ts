/**
 * A TCP port for a server a test starts itself, chosen by the operating system (listen on port 0,
 * note the port, close). Fixed ports collide when two runs share a machine — two checkouts, CI jobs
 * on one host, or a developer's own server on 3000. The port is free when this answers; the caller
 * starts its server on it at once (that another process is handed the same one of the ~28,000
 * ephemeral ports in between is unlikely).
 * Used by the process tests (test/process) and by Playwright (playwright.config.ts, test/e2e).
 */
import { type AddressInfo, createServer } from "node:net";

export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
