import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../common/roles.js';
import type { Database } from '../db/schema.js';
import { StartupError } from '../startup-error.js';
import { createUser } from '../users/user.service.js';
import { countUsers } from '../users/user.repository.js';
import * as demo from './demo-data.js';

export interface DemoLogin {
  role: Role;
  username: string;
  password: string;
}

/** True when nothing has been set up yet: no users and no machines. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const machine = await db.selectFrom('machines').select('id').limit(1).executeTakeFirst();
  return machine === undefined && (await countUsers(db)) === 0;
}

/** Random, readable, 16 characters: shown once on the console. */
function demoPassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Loads the demo plant in one transaction and returns the logins it created. Refuses a
 * database that already has machines or users, so it never mixes with real data.
 */
export async function seedDemoPlant(db: Kysely<Database>): Promise<DemoLogin[]> {
  if (!(await isDatabaseEmpty(db))) {
    throw new StartupError(
      'The database already has machines or users; the demo plant only goes into an empty one',
    );
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('plant_settings')
      .set({ name: demo.DEMO_PLANT_NAME })
      .where('id', '=', 1)
      .execute();
    const envs = await trx
      .insertInto('environments')
      .values(demo.ENVIRONMENTS.map((e, i) => ({ ...e, sort_order: i })))
      .returning(['id', 'code'])
      .execute();
    const envId = new Map(envs.map((e) => [e.code, e.id]));
    const types = await trx
      .insertInto('machine_types')
      .values([...demo.MACHINE_TYPES])
      .returning(['id', 'code'])
      .execute();
    const typeId = new Map(types.map((t) => [t.code, t.id]));
    await trx
      .insertInto('machines')
      .values(
        demo.MACHINES.map((m) => ({
          code: m.code,
          name: m.name,
          environment_id: envId.get(m.env)!,
          machine_type_id: typeId.get(m.type)!,
          rated_speed: String(m.ratedSpeed),
          staffing: JSON.stringify(m.staffing),
        })),
      )
      .execute();
    for (const [i, cat] of demo.STOP_REASONS.entries()) {
      const { id } = await trx
        .insertInto('stop_reasons')
        .values({
          code: cat.code,
          name: cat.name,
          planned: cat.planned,
          oee_loss: cat.oeeLoss,
          sort_order: i,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('stop_reasons')
        .values(
          cat.reasons.map((r, j) => ({ code: r.code, name: r.name, parent_id: id, sort_order: j })),
        )
        .execute();
    }
    const crews = await trx
      .insertInto('crews')
      .values(demo.CREWS.map((c) => ({ code: c.code, name: c.name, cycle_offset: c.offset })))
      .returning(['id', 'code'])
      .execute();
    const crewId = new Map(crews.map((c) => [c.code, c.id]));
    for (const e of demo.EMPLOYEES) {
      const { id } = await trx
        .insertInto('employees')
        .values({
          employee_number: e.number,
          full_name: e.name,
          default_role: e.role,
          environment_id: e.env ? envId.get(e.env)! : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('crew_members')
        .values({ crew_id: crewId.get(e.crew)!, employee_id: id })
        .execute();
    }
    const logins: DemoLogin[] = [];
    for (const u of demo.DEMO_USERS) {
      const password = demoPassword();
      await createUser(trx, {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        password,
      });
      logins.push({ role: u.role, username: u.username, password });
    }
    return logins;
  });
}
