import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Start a collection run now instead of waiting for the schedule. Each run
 * costs money (every Cost Explorer request is USD 0.01), so it is an action
 * ('create'); the portal's policy gives non-read permissions to platform admins.
 */
export const costUptimeCollectionRunPermission = createPermission({
  name: 'cost-uptime.collection.run',
  attributes: { action: 'create' },
});

export const costUptimePermissions = [costUptimeCollectionRunPermission];
