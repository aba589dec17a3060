/**
 * "At most one per machine" rules of the new model, decided across rows:
 * - runningOrders: one 'in_progress'/'paused' order per machine. The order that started last
 *   (then the highest id) keeps running; the others become 'pending' (recorded).
 * - openStops: one open stop per machine (over production_stops and downtime_events together).
 *   The one that started last (then downtime over production stops, then the highest id) stays
 *   open; the others are quarantined (their end is unknown, it is not guessed).
 * The plan finds the winners in its pass ('collect'); the importer, given the plan's winners,
 * applies them while streaming ('apply').
 */

export interface ContestEntry {
  table: string;
  key: string;
  /** Sort key: later wins. [start epoch ms (−∞ when unknown), table rank, id]. */
  rank: readonly [number, number, bigint];
  /** The row is already recorded in legacy_quarantine for another reason (plan arithmetic). */
  recorded: boolean;
}

function later(a: ContestEntry['rank'], b: ContestEntry['rank']): boolean {
  if (a[0] !== b[0]) return a[0] > b[0];
  if (a[1] !== b[1]) return a[1] > b[1];
  return a[2] > b[2];
}

export class Contest {
  readonly winners = new Map<string, ContestEntry>();
  candidates = 0;
  /** Up to 10 losers, as found (collect mode). */
  readonly loserSamples: { machine: string; table: string; key: string }[] = [];
  /** Losers per table: how many, how many were recorded already, and a few of them. */
  readonly loserTally = new Map<
    string,
    { losers: number; recordedAlready: number; samples: { machine: string; key: string }[] }
  >();

  constructor(
    readonly name: 'runningOrders' | 'openStops',
    /** Winners known in advance (apply mode): machine → 'table:key'. */
    readonly decided?: ReadonlyMap<string, string>,
  ) {}

  /** Collect mode: offers a candidate; returns nothing, losers are counted at the end. */
  offer(machine: string, entry: ContestEntry): void {
    this.candidates++;
    const current = this.winners.get(machine);
    if (current === undefined || later(entry.rank, current.rank)) {
      if (current) this.noteLoser(machine, current);
      this.winners.set(machine, entry);
    } else {
      this.noteLoser(machine, entry);
    }
  }

  private noteLoser(machine: string, e: ContestEntry) {
    if (this.loserSamples.length < 10) {
      this.loserSamples.push({ machine, table: e.table, key: e.key });
    }
    let t = this.loserTally.get(e.table);
    if (!t) this.loserTally.set(e.table, (t = { losers: 0, recordedAlready: 0, samples: [] }));
    t.losers++;
    if (e.recorded) t.recordedAlready++;
    if (t.samples.length < 5) t.samples.push({ machine, key: e.key });
  }

  get losers(): number {
    return this.candidates - this.winners.size;
  }

  /** Apply mode: does this candidate win its machine? */
  wins(machine: string, table: string, key: string): boolean {
    if (!this.decided) throw new Error(`${this.name}: winners are not known yet`);
    return this.decided.get(machine) === `${table}:${key}`;
  }
}
