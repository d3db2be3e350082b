/** Command-line options of `npm run bench` (see bench/README.md). */
export interface BenchOptions {
  /** Scenario names to run; all registered ones when empty. */
  only: string[];
  /** Seconds of the measured run of each target. */
  duration: number;
  /** Seconds of warm-up before each measured run (not reported). */
  warmup: number;
  /** Overrides every scenario's own default number of connections. */
  connections?: number;
  /** Ours and baseline are measured this many times each, alternating; the median round is reported. */
  rounds: number;
  reseed: boolean;
  profiles: number;
  events: number;
  /** Seed size multiplier (100k profiles / 1M events × scale) in a database of its own; results are compared with the 1× run's. */
  scale: number;
  /** Times every SQL statement of our server during the measured run and prints where the time went. */
  traceSql: boolean;
  /** Overrides the offered load (req/s) of every latency run. */
  offeredRate?: number;
  /** Writes a V8 CPU profile of our server's measured run to bench/results/<scenario>.cpuprofile. */
  cpuProfile: boolean;
  list: boolean;
}

const USAGE = `usage: npm run bench -- [--only a,b] [--duration 10] [--warmup 3] [--connections N]
                          [--rounds 1] [--reseed] [--profiles 100000] [--events 1000000] [--scale 1]
                          [--trace-sql] [--cpu-profile] [--offered-rate N] [--list]`;

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    only: [],
    duration: 10,
    warmup: 3,
    rounds: 1,
    reseed: false,
    profiles: 100_000,
    events: 1_000_000,
    scale: 1,
    traceSql: false,
    cpuProfile: false,
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const number = (min: number) => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isFinite(n) || n < min) throw new Error(`${flag}: expected a number >= ${min}, got "${raw}"`);
      return n;
    };
    switch (flag) {
      case '--only':
        options.only = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--duration':
        options.duration = number(1);
        break;
      case '--warmup':
        options.warmup = number(0);
        break;
      case '--connections':
        options.connections = Math.round(number(1));
        break;
      case '--rounds':
        options.rounds = Math.round(number(1));
        break;
      case '--profiles':
        options.profiles = Math.round(number(1000));
        break;
      case '--events':
        options.events = Math.round(number(1000));
        break;
      case '--scale':
        options.scale = Math.round(number(1));
        break;
      case '--reseed':
        options.reseed = true;
        break;
      case '--trace-sql':
        options.traceSql = true;
        break;
      case '--offered-rate':
        options.offeredRate = number(1);
        break;
      case '--cpu-profile':
        options.cpuProfile = true;
        break;
      case '--list':
        options.list = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  options.profiles *= options.scale;
  options.events *= options.scale;
  return options;
}
