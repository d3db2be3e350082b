import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

/**
 * A V8 CPU profile of this process (our server runs in it; the load generator does
 * not) over one measured run. Open the file in Chrome DevTools or speedscope.
 */
export class CpuProfile {
  private readonly session = new inspector.Session();
  private running = false;

  start(): void {
    this.session.connect();
    this.session.post('Profiler.enable');
    this.session.post('Profiler.setSamplingInterval', { interval: 200 });
    this.session.post('Profiler.start');
    this.running = true;
  }

  /** Stops and writes the profile; returns the path written, or undefined when not started. */
  async stop(file: string): Promise<string | undefined> {
    if (!this.running) return undefined;
    this.running = false;
    const profile = await new Promise<unknown>((resolve, reject) =>
      this.session.post('Profiler.stop', (error, result) => (error ? reject(error) : resolve(result.profile))),
    );
    this.session.disconnect();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    return file;
  }
}
