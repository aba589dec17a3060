import { sql, type Kysely } from 'kysely';

/**
 * 0002: plant-time functions. They answer the same questions as src/common/plant-time for SQL
 * and must give the same answers (src/server/db/plant-time-sql.test.ts compares them).
 *
 * - Wall-clock times become instants with `timestamp AT TIME ZONE zone`. PostgreSQL resolves a
 *   time in a spring-forward gap with the offset from before the change (Berlin 02:30 → 03:30
 *   CEST) and a time repeated at fall-back with the offset after it (the later instant);
 *   fromPlantWallClock() copies that rule.
 * - `zone` defaults to the session TimeZone, which every server connection sets to the plant
 *   zone. A fixed offset such as '+02:00' (POSIX: UTC−2) is refused, as in TypeScript.
 * - A shift that starts on local day d belongs to production day d. shift_at() looks at the
 *   shifts of the local day before, of and after the instant and takes the last one (in pattern
 *   order) that has started; it ends where the next one starts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE FUNCTION plant_zone_checked(zone text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF zone IS NULL
     OR ((zone !~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$' OR zone ~* '^(Etc/)?GMT[+-]')
         AND zone NOT IN ('UTC', 'Etc/UTC')) THEN
    RAISE EXCEPTION 'Not an IANA time zone: %', coalesce(zone, 'NULL')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN zone;
END
$$`.execute(db);

  await sql`
CREATE FUNCTION plant_day(ts timestamptz, zone text DEFAULT current_setting('TimeZone'))
RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (ts AT TIME ZONE plant_zone_checked(zone))::date
$$`.execute(db);

  await sql`
CREATE FUNCTION plant_wall_clock(ts timestamptz, zone text DEFAULT current_setting('TimeZone'))
RETURNS timestamp
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ts AT TIME ZONE plant_zone_checked(zone)
$$`.execute(db);

  // Same checks as validateShiftPattern(): non-empty, one code per start, starts strictly
  // increasing within the day, codes present and distinct. Returns the number of shifts.
  await sql`
CREATE FUNCTION plant_shift_pattern_checked(starts time[], codes text[]) RETURNS int
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  n int := coalesce(cardinality(starts), 0);
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION 'A shift pattern needs at least one shift' USING ERRCODE = 'data_exception';
  END IF;
  IF coalesce(cardinality(codes), 0) <> n THEN
    RAISE EXCEPTION 'Shift pattern: % starts but % codes', n, coalesce(cardinality(codes), 0)
      USING ERRCODE = 'data_exception';
  END IF;
  FOR i IN 1 .. n LOOP
    IF starts[i] IS NULL OR starts[i] >= '24:00' OR coalesce(btrim(codes[i]), '') = ''
       OR (i > 1 AND starts[i] <= starts[i - 1])
       OR codes[i] = ANY (codes[1:i - 1]) THEN
      RAISE EXCEPTION 'Shift pattern: shift % (%, %) is out of order, repeated or empty',
        i, codes[i], starts[i] USING ERRCODE = 'data_exception';
    END IF;
  END LOOP;
  RETURN n;
END
$$`.execute(db);

  await sql`
CREATE FUNCTION shift_at(ts timestamptz, starts time[], codes text[], zone text)
RETURNS TABLE(shift_index int, code text, production_day date, starts_at timestamptz,
              ends_at timestamptz)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  n int := plant_shift_pattern_checked(starts, codes);
  local_day date := (ts AT TIME ZONE plant_zone_checked(zone))::date;
BEGIN
  RETURN QUERY
  WITH b AS (
    SELECT local_day + o.day_offset AS b_day,
           s.ord::int - 1 AS b_index,
           s.b_code,
           (local_day + o.day_offset + s.b_start) AT TIME ZONE zone AS b_at,
           o.day_offset * n + s.ord::int AS b_seq
    FROM generate_series(-1, 2) AS o(day_offset)
    CROSS JOIN unnest(starts, codes) WITH ORDINALITY AS s(b_start, b_code, ord)
  ), w AS (
    SELECT b.*, lead(b.b_at) OVER (ORDER BY b.b_seq) AS b_next
    FROM b
  )
  SELECT w.b_index, w.b_code, w.b_day, w.b_at, w.b_next
  FROM w
  WHERE w.b_day <= local_day + 1 AND w.b_at <= ts
  ORDER BY w.b_seq DESC
  LIMIT 1;
END
$$`.execute(db);

  await sql`
CREATE FUNCTION shift_of(ts timestamptz, zone text DEFAULT current_setting('TimeZone'))
RETURNS TABLE(shift_index int, code text, production_day date, starts_at timestamptz,
              ends_at timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT s.*
  FROM (SELECT array_agg(p.start_time ORDER BY p.start_time) AS starts,
               array_agg(p.code ORDER BY p.start_time) AS codes
        FROM shift_pattern p) AS p
  CROSS JOIN LATERAL shift_at(ts, p.starts, p.codes, zone) AS s
$$`.execute(db);

  // Each crew works 2 production days on each shift of the pattern in order, then 2 days off.
  // With colliding offsets the first crew in array order wins, as in crewOnShift().
  await sql`
CREATE FUNCTION crew_on_shift(production_day date, shift_index int, pattern_length int,
                              cycle_start date, crew_codes text[], crew_offsets int[])
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  cycle_length int;
  cycle_day int;
BEGIN
  IF pattern_length IS NULL OR pattern_length < 1 THEN
    RAISE EXCEPTION 'Pattern length must be a positive integer: %', pattern_length
      USING ERRCODE = 'data_exception';
  END IF;
  IF coalesce(cardinality(crew_codes), 0) <> coalesce(cardinality(crew_offsets), 0) THEN
    RAISE EXCEPTION 'crew_codes and crew_offsets differ in length' USING ERRCODE = 'data_exception';
  END IF;
  IF production_day IS NULL OR cycle_start IS NULL OR shift_index IS NULL
     OR shift_index < 0 OR shift_index >= pattern_length THEN
    RETURN NULL;
  END IF;
  cycle_length := 2 * (pattern_length + 1);
  FOR i IN 1 .. coalesce(cardinality(crew_codes), 0) LOOP
    cycle_day := ((production_day - cycle_start + crew_offsets[i]) % cycle_length + cycle_length)
                 % cycle_length;
    IF cycle_day < 2 * pattern_length AND cycle_day / 2 = shift_index THEN
      RETURN crew_codes[i];
    END IF;
  END LOOP;
  RETURN NULL;
END
$$`.execute(db);

  // Crews in code order (pass them to crewOnShift() in the same order).
  await sql`
CREATE FUNCTION crew_of(ts timestamptz, zone text DEFAULT current_setting('TimeZone'))
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT crew_on_shift(
           s.production_day,
           s.shift_index,
           (SELECT count(*)::int FROM shift_pattern),
           (SELECT ps.crew_cycle_start FROM plant_settings ps WHERE ps.id = 1),
           c.codes,
           c.offsets)
  FROM shift_of(ts, zone) AS s
  CROSS JOIN (SELECT array_agg(cr.code ORDER BY cr.code) AS codes,
                     array_agg(cr.cycle_offset ORDER BY cr.code) AS offsets
              FROM crews cr) AS c
$$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const signature of [
    'crew_of(timestamptz, text)',
    'crew_on_shift(date, int, int, date, text[], int[])',
    'shift_of(timestamptz, text)',
    'shift_at(timestamptz, time[], text[], text)',
    'plant_shift_pattern_checked(time[], text[])',
    'plant_wall_clock(timestamptz, text)',
    'plant_day(timestamptz, text)',
    'plant_zone_checked(text)',
  ]) {
    await sql.raw(`DROP FUNCTION ${signature}`).execute(db);
  }
}
