import type { Kysely } from 'kysely';
import type { Role } from '../../src/common/roles.js';
import type { Database } from '../../src/server/db/schema.js';
import type { ZodApp } from '../../src/server/http/zod-app.js';
import { createUser } from '../../src/server/users/user.service.js';

export const TEST_PASSWORD = 'test-password-123';

export interface SignedIn {
  id: number;
  username: string;
  role: Role;
  /** Pass as `headers: { cookie }` to app.inject. */
  cookie: string;
}

let counter = 0;

/** Creates a user with the role and signs in through the real login route. */
export async function signIn(app: ZodApp, db: Kysely<Database>, role: Role): Promise<SignedIn> {
  const username = `${role}-${process.pid}-${++counter}`;
  const user = await createUser(db, {
    username,
    displayName: `Test ${role}`,
    role,
    password: TEST_PASSWORD,
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sf_session');
  if (!cookie) throw new Error('no session cookie');
  return { id: user.id, username, role, cookie: `sf_session=${cookie.value}` };
}

/** One signed-in user per role. */
export async function signInAll(app: ZodApp, db: Kysely<Database>) {
  const [viewer, operator, supervisor, admin] = await Promise.all(
    (['viewer', 'operator', 'supervisor', 'admin'] as const).map((r) => signIn(app, db, r)),
  );
  return { viewer: viewer!, operator: operator!, supervisor: supervisor!, admin: admin! };
}
