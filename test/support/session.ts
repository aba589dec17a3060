import type { SessionPolicy } from '../../src/server/auth/auth.service.js';

export const TEST_SESSION_POLICY: SessionPolicy = {
  secret: 'test-secret-test-secret-test-secret',
  idleMinutes: 240,
  maxAgeMinutes: 14 * 60,
};
