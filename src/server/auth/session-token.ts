import { createHmac, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'sf_session';

/** A new random session token (sent once, in the cookie) and the id stored for it. */
export function newSessionToken(secret: string): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token, secret) };
}

/** The database keeps only an HMAC of the token: a leaked table signs nobody in. */
export function sessionIdOf(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
