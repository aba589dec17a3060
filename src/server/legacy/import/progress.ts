/**
 * Progress of a long run: a redrawn bar on a terminal, plain log lines otherwise (a line per
 * table and about every 10 % of a big one), so logs stay readable in CI and in files.
 */
export interface Progress {
  start(table: string, total: number, done: number): void;
  advance(table: string, done: number): void;
  end(table: string, summary: string): void;
  log(line: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

/** Says nothing (tests, --json). */
export const silentProgress: Progress = {
  start: () => undefined,
  advance: () => undefined,
  end: () => undefined,
  log: () => undefined,
};

class LineProgress implements Progress {
  private total = 0;
  private nextMark = 0;
  private started = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}

  start(table: string, total: number, done: number): void {
    this.total = total;
    this.started = Date.now();
    this.nextMark = Math.max(done + 1, Math.ceil(total / 10));
    this.out.write(
      `[legacy] ${table}: ${total} rows${done > 0 ? ` (resuming after ${done})` : ''}\n`,
    );
  }

  advance(table: string, done: number): void {
    if (this.total < 50_000 || done < this.nextMark) return;
    this.nextMark = done + Math.ceil(this.total / 10);
    const pct = Math.min(100, Math.floor((done / this.total) * 100));
    this.out.write(`[legacy] ${table}: ${done}/${this.total} (${pct} %)\n`);
  }

  end(table: string, summary: string): void {
    const s = ((Date.now() - this.started) / 1000).toFixed(1);
    this.out.write(`[legacy] ${table}: ${summary} in ${s} s\n`);
  }

  log(line: string): void {
    this.out.write(`[legacy] ${line}\n`);
  }
}

class BarProgress implements Progress {
  private total = 0;
  private started = 0;
  private lastDraw = 0;
  constructor(private readonly out: NodeJS.WriteStream) {}

  start(table: string, total: number, done: number): void {
    this.total = total;
    this.started = Date.now();
    this.lastDraw = 0;
    this.draw(table, done);
  }

  advance(table: string, done: number): void {
    if (Date.now() - this.lastDraw > 100) this.draw(table, done);
  }

  end(table: string, summary: string): void {
    const s = ((Date.now() - this.started) / 1000).toFixed(1);
    this.out.write(`\r\x1b[2K${table.padEnd(26)} ${summary} in ${s} s\n`);
  }

  log(line: string): void {
    this.out.write(`\r\x1b[2K${line}\n`);
  }

  private draw(table: string, done: number): void {
    this.lastDraw = Date.now();
    const width = 30;
    const frac = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const full = Math.round(frac * width);
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    const bar = `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
    this.out.write(`\r\x1b[2K${table.padEnd(26)} ${bar} ${done}/${this.total} ${rate} rows/s`);
  }
}
