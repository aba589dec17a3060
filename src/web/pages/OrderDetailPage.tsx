import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { WASTE_ORDER_STATUSES } from '../../common/api/waste.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useOrder } from '../api/orders.js';
import { useSession } from '../auth/session.js';
import { PriorityBadge, StatusBadge } from '../components/orders/badges.js';
import { OrderActions } from '../components/orders/OrderActions.js';
import { OrderFacts } from '../components/orders/OrderFacts.js';
import { OrderStopsTable } from '../components/orders/OrderStopsTable.js';
import { OrderTimeline } from '../components/orders/OrderTimeline.js';
import { OrderWasteTable } from '../components/orders/OrderWasteTable.js';
import { usePlantZone } from '../components/orders/usePlantZone.js';
import { WasteDialog } from '../components/orders/WasteDialog.js';

function Section({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="lg">
          {title}
        </Title>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}

/** One order: header with its state and actions, the facts, timeline, stops and waste. */
export function OrderDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const { can } = useSession();
  const { zone } = usePlantZone();
  const { data: order, error, isPending } = useOrder(valid ? id : undefined);
  const [recording, setRecording] = useState(false);

  const back = (
    <Anchor component={Link} to="/orders" size="sm">
      ← Orders
    </Anchor>
  );
  if (!valid || (error instanceof ApiError && error.status === 404)) {
    return (
      <Stack maw={720}>
        {back}
        <Alert color="yellow" title="No such order">
          This order does not exist (or no longer does).
        </Alert>
      </Stack>
    );
  }
  if (error && !order) {
    return (
      <Stack maw={720}>
        {back}
        <Alert color="red" title="Could not load the order">
          {errorMessage(error)}
        </Alert>
      </Stack>
    );
  }
  if (isPending || !order || !zone) {
    return (
      <Stack maw={1200}>
        {back}
        <Skeleton height={120} />
        <Skeleton height={160} />
      </Stack>
    );
  }

  const canWaste =
    can('POST /api/orders/:id/waste') &&
    (WASTE_ORDER_STATUSES as readonly string[]).includes(order.status);
  const openStops = order.stops.filter((s) => s.open).length;

  return (
    <Stack gap="md" maw={1200} data-testid="order-detail" data-order-id={order.id}>
      {back}
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={4} miw={0}>
              <Group gap="sm">
                <Title order={2} data-testid="detail-number">
                  {order.orderNumber}
                </Title>
                <StatusBadge status={order.status} archived={order.archived} size="lg" />
                <PriorityBadge priority={order.priority} />
                {order.overProduced && (
                  <Badge color="orange" variant="light" tt="none">
                    Over-produced
                  </Badge>
                )}
              </Group>
              <Text size="lg" fw={500} data-testid="detail-product">
                {order.productName}
              </Text>
            </Stack>
          </Group>
          <OrderActions order={order} zone={zone} size="md">
            {canWaste && (
              <Button
                size="md"
                variant="light"
                color="grape"
                onClick={() => setRecording(true)}
                data-testid="record-waste"
              >
                Record waste
              </Button>
            )}
          </OrderActions>
        </Stack>
      </Paper>
      <OrderFacts order={order} zone={zone} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }} order={{ base: 2, lg: 1 }}>
          <Section title="Timeline">
            <OrderTimeline events={order.events} zone={zone} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }} order={{ base: 1, lg: 2 }}>
          <Stack gap="md">
            <Section
              title="Stops"
              extra={openStops > 0 && <Badge color="orange">{openStops} open</Badge>}
            >
              <OrderStopsTable stops={order.stops} zone={zone} />
            </Section>
            <Section title="Waste">
              <OrderWasteTable waste={order.waste} zone={zone} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      {recording && <WasteDialog order={order} onClose={() => setRecording(false)} />}
    </Stack>
  );
}
