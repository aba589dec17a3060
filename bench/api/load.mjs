// Loads the benchmark data set into a migrated, demo-seeded database, in SQL (generate_series):
// 200,000 production orders with their events, plus 100 bench machines with pending orders
// queued for the lifecycle writers.
export const BENCH = { orders: 200_000, machines: 100, pendingPerMachine: 60 };

export async function loadOrders(client, n = BENCH.orders) {
  await client.query(`
    insert into environments (code, name, sort_order) values ('bench', 'Bench line', 99);
    insert into machines (code, name, environment_id, rated_speed, staffing)
    select 'BENCH-' || lpad(g::text, 3, '0'), 'Bench machine ' || g,
           (select id from environments where code = 'bench'), 1000, '{"operator":1}'
    from generate_series(1, ${BENCH.machines}) g;
  `);
  const pending = BENCH.machines * BENCH.pendingPerMachine;
  // Historical orders spread over the demo environments; the last `pending` ones are the
  // bench line's queue (pending, due in order).
  await client.query(
    `
    insert into production_orders (order_number, product_name, quantity, produced_quantity,
      rejected_quantity, priority, due_date, environment_id, machine_id, status, started_at,
      completed_at, cancelled_at, archived_at, created_at)
    select 'ORD-' || lpad(g::text, 7, '0'),
           (array['Chicken stock 1 kg','Beef spice 500 g','Curry blend 250 g','Orange drink 2 l',
                  'Milk powder 400 g','Braai salt 1 kg'])[1 + g % 6],
           1000 + (g % 50) * 100,
           case when g <= $1 - $2 then 900 + (g % 300) else 0 end,
           case when g <= $1 - $2 then g % 20 else 0 end,
           (array['low','normal','normal','high','urgent'])[1 + g % 5],
           date '2024-01-01' + (g / 200),
           case when g <= $1 - $2 then (select id from environments where code = 'blending') + g % 4
                else (select id from environments where code = 'bench') end,
           case when g <= $1 - $2 then (select min(id) from machines) + g % 12 end,
           case when g > $1 - $2 then 'pending' when g % 25 = 0 then 'cancelled' else 'completed' end,
           case when g <= $1 - $2 and g % 25 <> 0 then timestamptz '2024-01-01 06:00+02' + g * interval '5 minutes' end,
           case when g <= $1 - $2 and g % 25 <> 0 then timestamptz '2024-01-01 10:00+02' + g * interval '5 minutes' end,
           case when g <= $1 - $2 and g % 25 = 0 then timestamptz '2024-01-01 08:00+02' + g * interval '5 minutes' end,
           case when g <= $1 - $2 and g % 3 = 0 then timestamptz '2024-01-02 08:00+02' + g * interval '5 minutes' end,
           timestamptz '2023-12-31 08:00+02' + g * interval '5 minutes'
    from generate_series(1, $1::int) g`,
    [n, pending],
  );
  await client.query(`
    insert into order_events (order_id, event_type, at, data)
    select id, 'created', created_at, '{}' from production_orders;
    insert into order_events (order_id, event_type, at, data)
    select id, 'started', started_at, jsonb_build_object('machineId', machine_id)
      from production_orders where started_at is not null;
    insert into order_events (order_id, event_type, at, data)
    select id, 'completed', completed_at, jsonb_build_object('producedQuantity', produced_quantity)
      from production_orders where completed_at is not null;
    insert into order_events (order_id, event_type, at, data)
    select id, 'cancelled', cancelled_at, '{"reason":"plan changed"}'
      from production_orders where cancelled_at is not null;
  `);
  // A plant's database is not freshly bulk-loaded: vacuum and checkpoint now, so autovacuum and
  // the load's checkpoint do not land inside the first measured run.
  await client.query('vacuum analyze');
  await client.query('checkpoint');
  const { rows } = await client.query(`select
      (select count(*) from production_orders)::int as orders,
      (select count(*) from order_events)::int as events`);
  return rows[0];
}

/** The bench line's machines and, per machine, its queue of pending order ids. */
export async function benchQueues(client) {
  const machines = (
    await client.query(
      `select m.id from machines m join environments e on e.id = m.environment_id
       where e.code = 'bench' order by m.id`,
    )
  ).rows.map((r) => r.id);
  const orders = (
    await client.query(
      `select o.id from production_orders o join environments e on e.id = o.environment_id
       where e.code = 'bench' and o.status = 'pending' order by o.id`,
    )
  ).rows.map((r) => r.id);
  return machines.map((machineId, i) => ({
    machineId,
    orders: orders.filter((_, j) => j % machines.length === i),
  }));
}
