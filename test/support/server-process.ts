import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output: string[];
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Runs `src/main.ts` as a separate process, exactly as `npm start` would (minus the build). */
export async function startServerProcess(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  const root = path.join(__dirname, '../..');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'src/main.ts')], {
    env: { ...process.env, LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false', DEMO_DATA: 'false', TS_NODE_PROJECT: path.join(root, 'tsconfig.json'), ...env, PORT: String(chosen) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000);
    const collect = (d: Buffer) => {
      output.push(d.toString());
      if (d.toString().includes('serving GraphQL')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output.join('')}`)));
  });
  return { child, url: `http://127.0.0.1:${chosen}`, port: chosen, output, exited };
}
