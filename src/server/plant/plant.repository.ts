import type { Kysely } from 'kysely';
import type { CrewDefinition, ShiftPattern } from '../../common/plant-time/index.js';
import type { Database } from '../db/schema.js';

export interface PlantCalendar {
  name: string;
  crewCycleStart: string;
  pattern: ShiftPattern;
  crews: CrewDefinition[];
}

/** Plant name, shift pattern and crews: what every plant-time question needs. */
export async function loadPlantCalendar(db: Kysely<Database>): Promise<PlantCalendar> {
  const [settings, shifts, crews] = await Promise.all([
    db
      .selectFrom('plant_settings')
      .select(['name', 'crew_cycle_start'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('shift_pattern')
      .select(['code', 'name', 'start_time'])
      .orderBy('start_time')
      .execute(),
    db.selectFrom('crews').select(['code', 'cycle_offset']).orderBy('code').execute(),
  ]);
  return {
    name: settings.name,
    crewCycleStart: settings.crew_cycle_start,
    pattern: shifts.map((s) => ({ code: s.code, name: s.name, start: s.start_time.slice(0, 5) })),
    crews: crews.map((c) => ({ code: c.code, offset: c.cycle_offset })),
  };
}

/** The configured zone is the one truth; the settings row mirrors it for SQL and reports. */
export async function recordPlantTimeZone(db: Kysely<Database>, zone: string): Promise<void> {
  await db
    .updateTable('plant_settings')
    .set({ time_zone: zone })
    .where('id', '=', 1)
    .where('time_zone', '<>', zone)
    .execute();
}
