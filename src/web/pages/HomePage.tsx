import { Grid, Skeleton, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ShiftInfo } from '../../common/api/system.js';
import { useReady, type ReadySnapshot } from '../api/system.js';
import { InfoCard } from '../components/InfoCard.js';
import { PlantClockCard } from '../components/PlantClockCard.js';
import { ServerNotReadyAlert } from '../components/ServerNotReadyAlert.js';
import { ShiftCard } from '../components/ShiftCard.js';
import { formatCalendarDay, plantDateKey } from '../components/time.js';
import { usePlantNow } from '../components/usePlantNow.js';

/** True once the plant clock has run past what the snapshot describes (shift end, midnight). */
function isOutdated(snapshot: ReadySnapshot, now: number): boolean {
  const { plant } = snapshot.ready;
  if (plant.shift && now >= Date.parse(plant.shift.endsAt)) return true;
  return plantDateKey(now, plant.timeZone) !== plant.plantDay;
}

function crewDetail(shift: ShiftInfo | null): string {
  if (!shift) return 'No shift is running';
  return shift.crew ? `${shift.name} shift` : 'No crew rostered for this shift';
}

export function HomePage() {
  const { data, error, isError, isFetching, refetch } = useReady();
  const now = usePlantNow(data);

  // Ask the server again as soon as the shift or the plant day turns over, once per snapshot.
  const refreshedFor = useRef<ReadySnapshot | undefined>(undefined);
  const outdated = data !== undefined && now !== undefined && isOutdated(data, now);
  useEffect(() => {
    if (outdated && refreshedFor.current !== data) {
      refreshedFor.current = data;
      void refetch();
    }
  }, [outdated, data, refetch]);

  return (
    <Stack gap="lg" maw={1100}>
      {isError && (
        <ServerNotReadyAlert
          error={error}
          onRetry={() => void refetch()}
          retrying={isFetching}
          hasStaleData={data !== undefined}
        />
      )}
      {data && now !== undefined ? (
        <>
          <PlantClockCard plant={data.ready.plant} now={now} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, sm: 7 }}>
              <ShiftCard
                shift={data.ready.plant.shift}
                zone={data.ready.plant.timeZone}
                now={now}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <Stack gap="lg" h="100%">
                <InfoCard
                  label="Crew on shift"
                  testId="shift-crew"
                  value={data.ready.plant.shift?.crew ? `Crew ${data.ready.plant.shift.crew}` : '—'}
                  detail={crewDetail(data.ready.plant.shift)}
                />
                <InfoCard
                  label="Plant day"
                  testId="plant-day"
                  value={formatCalendarDay(data.ready.plant.plantDay, 'short')}
                  detail={data.ready.plant.plantDay}
                />
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      ) : (
        !isError && (
          <>
            <Skeleton height={180} radius="md" />
            <Skeleton height={220} radius="md" />
          </>
        )
      )}
    </Stack>
  );
}
