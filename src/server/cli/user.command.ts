import type { Role } from '../../common/roles.js';
import { createUser } from '../users/user.service.js';
import { withDatabase } from './db.command.js';
import { readPassword } from './read-password.js';
import { UsageError } from './usage-error.js';

export interface UserAddOptions {
  username: string;
  role: Role;
  name?: string;
}

/** `shopfloor user add --username U --role R`: the password comes from stdin or a prompt. */
export async function userAdd(o: UserAddOptions): Promise<void> {
  const password = await readPassword(`Password for ${o.username}: `).catch((e: Error) => {
    throw new UsageError(e.message);
  });
  await withDatabase(async ({ db }) => {
    const user = await createUser(db, {
      username: o.username,
      role: o.role,
      displayName: o.name ?? o.username,
      password,
    });
    console.log(`Created ${user.role} ${user.username} (id ${user.id})`);
  });
}
