import type { Kysely } from 'kysely';
import type { ReadyResponse } from '../../common/api/system.js';
import {
  crewOnShift,
  formatPlantIso,
  plantDay,
  shiftAt,
  utcOffset,
} from '../../common/plant-time/index.js';
import type { Database } from '../db/schema.js';
import { loadPlantCalendar } from './plant.repository.js';

/** What the plant clock says at `now`: zone, offset, plant day, shift and crew. */
export async function plantClock(
  db: Kysely<Database>,
  zone: string,
  now: Date = new Date(),
): Promise<ReadyResponse['plant']> {
  const cal = await loadPlantCalendar(db);
  const shift = cal.pattern.length > 0 ? shiftAt(now, cal.pattern, zone) : null;
  return {
    name: cal.name,
    timeZone: zone,
    utcOffset: utcOffset(now, zone),
    now: formatPlantIso(now, zone),
    plantDay: plantDay(now, zone),
    shift: shift && {
      code: shift.code,
      name: shift.name,
      productionDay: shift.productionDay,
      startsAt: formatPlantIso(shift.startsAt, zone),
      endsAt: formatPlantIso(shift.endsAt, zone),
      crew: crewOnShift(
        shift.productionDay,
        shift.index,
        cal.pattern.length,
        cal.crews,
        cal.crewCycleStart,
      ),
    },
  };
}
