import { Text, Timeline } from '@mantine/core';
import type { OrderEvent } from '../../../common/api/orders.js';
import { describeEvent, EVENT_COLOURS } from './events.js';
import { formatDateTime } from './format.js';

/** Who did what when, oldest first, in plant time. */
export function OrderTimeline({ events, zone }: { events: OrderEvent[]; zone: string }) {
  if (events.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        Nothing has happened yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="order-timeline">
      {events.map((event) => {
        const { title, detail } = describeEvent(event, zone);
        return (
          <Timeline.Item
            key={event.id}
            title={title}
            color={EVENT_COLOURS[event.type] ?? 'gray'}
            data-testid="timeline-event"
            data-event-type={event.type}
          >
            {detail && (
              <Text size="sm" data-testid="timeline-detail">
                {detail}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              {formatDateTime(event.at, zone)}
              {event.user ? ` · ${event.user.displayName}` : ''}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
