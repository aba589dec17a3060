import { useReady } from '../../api/system.js';
import { usePlantNow } from '../usePlantNow.js';

/**
 * The server's clock, ticking each second (epoch ms), for running durations: never the
 * tablet's own clock, which may be wrong.
 */
export function useServerNow(): number | undefined {
  const { data } = useReady();
  return usePlantNow(data);
}
