/**
 * The SQL plant-time functions (migration 0002) must answer exactly like src/common/plant-time.
 * Runs in a scratch database with minimal copies of the tables 0002 reads.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pt from '../../common/plant-time/index.js';
import type { CrewDefinition, ShiftPattern } from '../../common/plant-time/index.js';
import { up } from './migrations/0002_plant_time.js';
import { adminUrl } from '../../../test/support/db.js';

const ADMIN_URL = adminUrl();
const DB_NAME = `plant_time_test_${randomBytes(6).toString('hex')}`;
const HOUR = 3_600_000;
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2028, 0, 1);
const CYCLE_START = '2026-01-05';

const ZONES = [
  'Africa/Johannesburg', // no DST
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kathmandu', // +05:45
  'Asia/Kolkata', // +05:30
  'Australia/Lord_Howe', // 30-minute DST
  'America/Santiago', // DST changes at midnight
  'UTC',
];
/** Starts inside the Berlin/New York/Lord Howe gaps and repeats, and at Santiago's midnight. */
const EDGE_PATTERN: ShiftPattern = ['00:00', '01:45', '02:30', '03:00', '12:00'].map(
  (start, i) => ({ code: `E${i}`, name: `Edge ${i}`, start }),
);
const PATTERNS = {
  default: pt.DEFAULT_SHIFT_PATTERN,
  three: pt.THREE_SHIFT_PATTERN,
  edge: EDGE_PATTERN,
};

function kysely(url: string, options?: string): Kysely<unknown> {
  const pool = new pg.Pool({ connectionString: url, max: 2, options });
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
}

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Seeded PRNG (mulberry32), so every run checks the same instants. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Approximate instants (±3 h) where the zone's offset changes in 2024–2027. */
function transitions(zone: string): number[] {
  const found: number[] = [];
  let previous = pt.plantOffsetMinutes(new Date(FROM), zone);
  for (let t = FROM + 3 * HOUR; t < TO; t += 3 * HOUR) {
    const offset = pt.plantOffsetMinutes(new Date(t), zone);
    if (offset !== previous) found.push(t);
    previous = offset;
  }
  return found;
}

/** Seeded spread over 2024–2027, every hour (and 10 minutes near the change) around DST changes. */
function instantsFor(zone: string, seed: number): Date[] {
  const next = random(seed);
  const ms = Array.from({ length: 300 }, () => FROM + Math.floor(next() * (TO - FROM)));
  for (const t of transitions(zone)) {
    const hour = Math.floor(t / HOUR) * HOUR;
    for (let h = -36; h <= 36; h += 1) ms.push(hour + h * HOUR);
    for (let m = -240; m <= 240; m += 10) ms.push(hour + m * 60_000);
    const day = pt.plantDay(new Date(t), zone);
    for (const d of [-1, 0, 1]) {
      for (const s of pt.shiftsOfDay(pt.addDays(day, d), EDGE_PATTERN, zone)) {
        const start = s.startsAt.getTime();
        ms.push(start - 1, start, start + 1);
      }
    }
  }
  return ms.map((m) => new Date(m));
}

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
const line = (...values: unknown[]) => values.map(iso).join(' ');

let admin: Kysely<unknown>;
let db: Kysely<unknown>;

beforeAll(async () => {
  admin = kysely(ADMIN_URL);
  await sql`CREATE DATABASE ${sql.id(DB_NAME)}`.execute(admin);
  db = kysely(urlFor(DB_NAME));
  await sql`
    CREATE TABLE plant_settings (id smallint PRIMARY KEY, name text, time_zone text,
                                 crew_cycle_start date);
    CREATE TABLE shift_pattern (code text PRIMARY KEY, name text NOT NULL,
                                start_time time NOT NULL UNIQUE);
    CREATE TABLE crews (id int PRIMARY KEY, code text UNIQUE, name text, cycle_offset int NOT NULL)
  `.execute(db);
  await up(db);
});

afterAll(async () => {
  await db?.destroy();
  if (admin) {
    await sql`DROP DATABASE IF EXISTS ${sql.id(DB_NAME)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
  }
});

describe.each(ZONES.map((zone, i) => ({ zone, seed: 1000 + i })))('$zone', ({ zone, seed }) => {
  const instants = instantsFor(zone, seed);
  const isoInstants = instants.map((d) => d.toISOString());

  it(`plant_day, plant_wall_clock and the offset match (${instants.length} instants)`, async () => {
    const { rows } = await sql<Row>`
      SELECT plant_day(t.ts, ${zone})::text AS day,
             to_char(plant_wall_clock(t.ts, ${zone}), 'YYYY-MM-DD"T"HH24:MI:SS') AS wall,
             extract(epoch FROM plant_wall_clock(t.ts, ${zone}) - (t.ts AT TIME ZONE 'UTC'))::int
               / 60 AS offset
      FROM unnest(${isoInstants}::timestamptz[]) WITH ORDINALITY AS t(ts, i) ORDER BY t.i`.execute(
      db,
    );
    expect(rows.map((r) => line(r.day, r.wall, r.offset))).toEqual(
      instants.map((d) =>
        line(pt.plantDay(d, zone), pt.toPlantWallClock(d, zone), pt.plantOffsetMinutes(d, zone)),
      ),
    );
  });

  it.each(Object.entries(PATTERNS))(
    'shift_at matches shiftAt with the %s pattern',
    async (_, p) => {
      const { rows } = await sql<Row>`
      SELECT s.shift_index, s.code, s.production_day::text AS day, s.starts_at, s.ends_at
      FROM unnest(${isoInstants}::timestamptz[]) WITH ORDINALITY AS t(ts, i)
      LEFT JOIN LATERAL shift_at(t.ts, ${p.map((s) => s.start)}::time[],
                                 ${p.map((s) => s.code)}::text[], ${zone}) AS s ON true
      ORDER BY t.i`.execute(db);
      const expected = instants.map((d) => {
        const t = pt.shiftAt(d, p, zone);
        return line(t.index, t.code, t.productionDay, t.startsAt, t.endsAt);
      });
      expect(rows.map((r) => line(r.shift_index, r.code, r.day, r.starts_at, r.ends_at))).toEqual(
        expected,
      );
    },
  );

  it('timestamp AT TIME ZONE matches fromPlantWallClock every 5 minutes over DST days', async () => {
    const days = new Set(['2026-01-15', '2026-07-15']);
    for (const t of transitions(zone)) {
      const day = pt.plantDay(new Date(t), zone);
      for (const d of [-1, 0, 1]) days.add(pt.addDays(day, d));
    }
    const walls: string[] = [];
    for (const day of days) {
      for (let m = 0; m < 24 * 60; m += 5) {
        const hh = String(Math.floor(m / 60)).padStart(2, '0');
        walls.push(`${day} ${hh}:${String(m % 60).padStart(2, '0')}`);
      }
    }
    const { rows } = await sql<Row>`
      SELECT (w.local::timestamp AT TIME ZONE ${zone}) AS at
      FROM unnest(${walls}::text[]) WITH ORDINALITY AS w(local, i) ORDER BY w.i`.execute(db);
    expect(rows.map((r) => iso(r.at))).toEqual(
      walls.map((w) => pt.fromPlantWallClock(w, zone).toISOString()),
    );
  });
});

describe('crews', () => {
  const crewSets: Record<string, readonly CrewDefinition[]> = {
    default: pt.DEFAULT_CREWS,
    colliding: [
      { code: 'X', offset: 0 },
      { code: 'Y', offset: 6 },
      { code: 'Z', offset: -3 },
    ],
  };

  it.each(Object.entries(crewSets))(
    'crew_on_shift matches crewOnShift (%s crews)',
    async (_, crews) => {
      const cases: [string, number, number][] = [];
      for (let d = -100; d < 100; d += 1) {
        for (let length = 1; length <= 4; length += 1) {
          for (let index = -1; index <= length; index += 1) {
            cases.push([pt.addDays(CYCLE_START, d), index, length]);
          }
        }
      }
      const { rows } = await sql<Row>`
      SELECT crew_on_shift(c.day::date, c.idx, c.len, ${CYCLE_START}::date,
                           ${crews.map((c) => c.code)}::text[], ${crews.map((c) => c.offset)}::int[])
               AS crew
      FROM unnest(${cases.map((c) => c[0])}::text[], ${cases.map((c) => c[1])}::int[],
                  ${cases.map((c) => c[2])}::int[]) WITH ORDINALITY AS c(day, idx, len, i)
      ORDER BY c.i`.execute(db);
      expect(rows.map((r) => r.crew)).toEqual(
        cases.map(([day, index, length]) => pt.crewOnShift(day, index, length, crews, CYCLE_START)),
      );
    },
  );
});

describe('shift_of and crew_of read the plant tables and default to the session zone', () => {
  const zone = 'Europe/Berlin';
  const instants = instantsFor(zone, 7);
  const isoInstants = instants.map((d) => d.toISOString());

  beforeAll(async () => {
    await sql`INSERT INTO plant_settings VALUES (1, 'Test plant', ${zone}, ${CYCLE_START})`.execute(
      db,
    );
    for (const [i, c] of pt.DEFAULT_CREWS.entries()) {
      await sql`INSERT INTO crews VALUES (${i + 1}, ${c.code}, ${c.code}, ${c.offset})`.execute(db);
    }
  });

  it.each([
    ['default', pt.DEFAULT_SHIFT_PATTERN],
    ['three', pt.THREE_SHIFT_PATTERN],
  ] as const)('with the %s pattern', async (_, pattern) => {
    await sql`DELETE FROM shift_pattern`.execute(db);
    for (const s of pattern) {
      await sql`INSERT INTO shift_pattern VALUES (${s.code}, ${s.name}, ${s.start})`.execute(db);
    }
    const session = kysely(urlFor(DB_NAME), `-c TimeZone=${zone}`);
    try {
      const expected = instants.map((d) => {
        const s = pt.shiftAt(d, pattern, zone);
        const crew = pt.crewAt(d, pattern, pt.DEFAULT_CREWS, CYCLE_START, zone);
        return line(s.index, s.code, s.productionDay, pt.plantDay(d, zone), crew);
      });
      // The session runs in the plant zone and calls without a zone; the UTC session passes it.
      for (const [conn, zoneArg] of [
        [session, sql``],
        [db, sql`, ${zone}::text`],
      ] as const) {
        const { rows } = await sql<Row>`
          SELECT s.shift_index, s.code, s.production_day::text AS pday,
                 plant_day(t.ts ${zoneArg})::text AS day, crew_of(t.ts ${zoneArg}) AS crew
          FROM unnest(${isoInstants}::timestamptz[]) WITH ORDINALITY AS t(ts, i)
          LEFT JOIN LATERAL shift_of(t.ts ${zoneArg}) AS s ON true
          ORDER BY t.i`.execute(conn);
        expect(rows.map((r) => line(r.shift_index, r.code, r.pday, r.day, r.crew))).toEqual(
          expected,
        );
      }
    } finally {
      await session.destroy();
    }
  });
});

describe('errors', () => {
  it('refuses fixed-offset zones and broken patterns like the TypeScript module', async () => {
    await expect(sql`SELECT plant_day(now(), '+02:00')`.execute(db)).rejects.toThrow(/IANA/);
    await expect(sql`SELECT plant_day(now(), 'Etc/GMT-2')`.execute(db)).rejects.toThrow(/IANA/);
    const bad = (starts: string[], codes: string[]) =>
      sql`SELECT * FROM shift_at(now(), ${starts}::time[], ${codes}::text[], 'UTC')`.execute(db);
    await expect(bad([], [])).rejects.toThrow(/at least one/);
    await expect(bad(['18:00', '06:00'], ['N', 'D'])).rejects.toThrow(/out of order/);
    await expect(bad(['06:00', '18:00'], ['D', 'D'])).rejects.toThrow(/repeated/);
    await expect(bad(['06:00', '18:00'], ['D'])).rejects.toThrow(/codes/);
    await expect(
      sql`SELECT crew_on_shift('2026-01-05', 0, 0, '2026-01-05', '{A}', '{0}')`.execute(db),
    ).rejects.toThrow(/positive/);
  });
});
