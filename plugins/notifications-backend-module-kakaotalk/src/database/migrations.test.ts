import { describeMigrations } from '@internal/backend-test-utils';

const token = {
  id: 'default',
  refresh_token: 'rotated-refresh-token',
  seed_hash: 'b'.repeat(64),
  updated_at: new Date('2026-11-18T00:00:00Z'),
};

describeMigrations({
  packageName: '@internal/plugin-notifications-backend-module-kakaotalk',
  // The table KakaoTalkStore.ts migrates with.
  tableName: 'notifications_module_kakaotalk__knex_migrations',
  rows: {
    kakaotalk_tokens: [token],
    kakaotalk_delivery_failures: [
      {
        receivers: '["uuid-minsu"]',
        title: 'Build failed: shop/shop-backend #7',
        error: 'quota exceeded',
        attempts: 1,
        failed_at: new Date('2026-11-18T00:00:00Z'),
      },
    ],
  },
  // One sender: a second "default" row is refused.
  refused: { kakaotalk_tokens: token },
});
