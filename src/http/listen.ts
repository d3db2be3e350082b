import type http from 'node:http';
import net from 'node:net';

/** The server could not listen: a message that says which setting to change. */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

function explain(error: NodeJS.ErrnoException, port: number, host: string): string {
  const code = error.code ?? 'unknown error';
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} is in use on ${host} (EADDRINUSE); set PORT to a free port`;
    case 'EACCES':
      return `no permission to listen on port ${port} (EACCES); set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine (EADDRNOTAVAIL); set HOST to one of its addresses, 127.0.0.1 or 0.0.0.0`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST ${host} does not resolve (${code}); set HOST to an address such as 127.0.0.1 or 0.0.0.0`;
    default:
      return `cannot listen on ${host}:${port} (${code}): ${error.message}`;
  }
}

/**
 * Listens, and settles on the first of 'listening' or 'error' itself: an error rejects with a
 * ListenError (nothing listens then), so start-up can stop before anything else begins.
 */
export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      reject(new ListenError(explain(error, port, host), error.code));
    };
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

/** The URL clients use for `path` on a listening server: `localhost` when it listens on every interface. */
export function urlOf(server: http.Server, host: string, path: string): string {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const everywhere = host === '0.0.0.0' || host === '::';
  const name = everywhere ? 'localhost' : net.isIPv6(host) ? `[${host}]` : host;
  return `http://${name}:${port}${path}`;
}
