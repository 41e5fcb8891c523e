import { describeMigrations } from '@internal/backend-test-utils';

describeMigrations({
  packageName: '@internal/plugin-alerts-backend',
  tables: ['alerts_events', 'alerts_webhook_deliveries'],
  async withRows(knex) {
    const event = {
      key: 'a'.repeat(64),
      event_id: 'build-7',
      type: 'pipeline.build',
      burst_key: 'component:default/shop-backend',
      status: 'pending',
      event: '{}',
      created_at: new Date('2026-11-18T00:00:00Z'),
    };
    await knex('alerts_events').insert(event);
    // The key makes each event go out once.
    await expect(knex('alerts_events').insert(event)).rejects.toThrow();
    await knex('alerts_webhook_deliveries').insert({
      delivery_id: 'delivery-1',
      source: 'jenkins',
      received_at: new Date('2026-11-18T00:00:00Z'),
    });
    expect(await knex('alerts_events').select('event_id', 'status')).toEqual([
      { event_id: 'build-7', status: 'pending' },
    ]);
  },
});
