/** A TCP port free on 127.0.0.1 now, for a server this process is about to start. */
import net from 'node:net';

const handedOut = new Set<number>();

/**
 * A port nothing listens on, never the same one twice in a process: the kernel may hand a port out again when
 * nothing listened on it in between (two ports asked for at once, one for mizan and one for its Redis, once came
 * back equal in a CI run, and mizan could not listen on the port its Redis had taken).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
