import { useReady } from '../../api/system.js';

/**
 * The plant's zone and today's plant day, for formatting. Undefined until /api/ready answered:
 * never fall back to the browser's zone.
 */
export function usePlantZone(): { zone: string | undefined; today: string | undefined } {
  const { data } = useReady();
  return { zone: data?.ready.plant.timeZone, today: data?.ready.plant.plantDay };
}
