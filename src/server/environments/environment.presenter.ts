import type { Environment } from '../../common/api/environments.js';
import type { EnvironmentRow } from './environment.repository.js';

export const presentEnvironment = (r: EnvironmentRow): Environment => ({
  id: r.id,
  code: r.code,
  name: r.name,
  colour: r.colour,
  active: r.active,
  sortOrder: r.sort_order,
});
