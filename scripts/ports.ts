import net from 'node:net';

export class PortInUseError extends Error {}

/** Fails with a message naming the service and the variable to change, instead of a bind stack trace later. */
export async function assertPortFree(host: string, port: number, what: string, variable: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} for ${what} is already in use. Stop what uses it or set ${variable}.`)
          : error,
      );
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** Whether a port can be bound right now. */
function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port free right now, for tests and for services started on demand: chosen below the kernel's
 * ephemeral range (32768 and up), so that no outgoing connection and no port-0 listener of another
 * process (Temporal's internal services, a parallel test) can take it before it is used.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canBind(host, port)) return port;
  }
  throw new Error('No free port between 20000 and 32000');
}
