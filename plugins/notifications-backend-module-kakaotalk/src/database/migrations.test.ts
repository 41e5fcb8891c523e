import { describeMigrations } from '@internal/backend-test-utils';

describeMigrations({
  packageName: '@internal/plugin-notifications-backend-module-kakaotalk',
  // The table KakaoTalkStore.ts migrates with.
  tableName: 'notifications_module_kakaotalk__knex_migrations',
  tables: ['kakaotalk_tokens', 'kakaotalk_delivery_failures'],
  async withRows(knex) {
    const token = {
      id: 'default',
      refresh_token: 'rotated-refresh-token',
      seed_hash: 'b'.repeat(64),
      updated_at: new Date('2026-11-18T00:00:00Z'),
    };
    await knex('kakaotalk_tokens').insert(token);
    // One sender: a second "default" row is refused.
    await expect(knex('kakaotalk_tokens').insert(token)).rejects.toThrow();
    await knex('kakaotalk_delivery_failures').insert({
      receivers: '["uuid-minsu"]',
      title: 'Build failed: shop/shop-backend #7',
      error: 'quota exceeded',
      attempts: 1,
      failed_at: new Date('2026-11-18T00:00:00Z'),
    });
    expect(
      await knex('kakaotalk_tokens').select('id', 'refresh_token'),
    ).toEqual([{ id: 'default', refresh_token: 'rotated-refresh-token' }]);
  },
});
