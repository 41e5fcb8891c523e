import { describeMigrations } from '@internal/backend-test-utils';

const event = {
  key: 'a'.repeat(64),
  event_id: 'build-7',
  type: 'pipeline.build',
  burst_key: 'component:default/shop-backend',
  status: 'pending',
  event: '{}',
  created_at: new Date('2026-11-18T00:00:00Z'),
};

describeMigrations({
  packageName: '@internal/plugin-alerts-backend',
  rows: {
    alerts_events: [event],
    alerts_webhook_deliveries: [
      {
        delivery_id: 'delivery-1',
        source: 'jenkins',
        received_at: new Date('2026-11-18T00:00:00Z'),
      },
    ],
  },
  // The key makes each event go out once.
  refused: { alerts_events: { ...event, event_id: 'build-7-again' } },
});
