import { Alert, Button, Center, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client.js';
import { useOrderList } from '../api/orders.js';
import { useSession } from '../auth/session.js';
import { OrderCards } from '../components/orders/OrderCards.js';
import { OrderFilterBar } from '../components/orders/OrderFilterBar.js';
import { OrderFormModal } from '../components/orders/OrderFormModal.js';
import { OrdersTable } from '../components/orders/OrdersTable.js';
import { useOrderFiltersFromUrl } from '../components/orders/filters-url.js';
import { usePlantZone } from '../components/orders/usePlantZone.js';

/** The orders board: filter, sort, page through, create, and act on production orders. */
export function OrdersPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const { zone, today } = usePlantZone();
  const [filters, setFilters] = useOrderFiltersFromUrl();
  const list = useOrderList(filters);
  const [creating, setCreating] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)');
  const orders = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="center">
        <Title order={2}>Production orders</Title>
        {can('POST /api/orders') && (
          <Button onClick={() => setCreating(true)} disabled={!zone} data-testid="order-create">
            New order
          </Button>
        )}
      </Group>
      <OrderFilterBar filters={filters} onChange={setFilters} />
      {list.isError && (
        <Alert color="red" title="Could not load the orders">
          {errorMessage(list.error)}
        </Alert>
      )}
      {list.isPending || !zone ? (
        <Stack gap="xs">
          <Skeleton height={56} />
          <Skeleton height={56} />
          <Skeleton height={56} />
        </Stack>
      ) : orders.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text ta="center" c="dimmed" data-testid="orders-empty">
            No orders match these filters.
          </Text>
        </Paper>
      ) : (
        <Paper
          withBorder
          radius="md"
          p={phone ? 0 : 'xs'}
          bg={phone ? 'transparent' : undefined}
          bd={phone ? 'none' : undefined}
        >
          {phone ? (
            <OrderCards orders={orders} zone={zone} today={today} />
          ) : (
            <OrdersTable orders={orders} zone={zone} today={today} />
          )}
        </Paper>
      )}
      {list.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
            data-testid="orders-load-more"
          >
            Load more
          </Button>
        </Center>
      )}
      {creating && zone && (
        <OrderFormModal
          zone={zone}
          onClose={() => setCreating(false)}
          onSaved={(order) => void navigate(`/orders/${order.id}`)}
        />
      )}
    </Stack>
  );
}
