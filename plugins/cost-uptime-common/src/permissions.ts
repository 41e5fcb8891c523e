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

/**
 * Read a cluster's cost split between services, shared and idle (what each
 * team's workloads cost). A read: the portal's policy gives it to everyone
 * signed in, a stricter policy can narrow it.
 */
export const costUptimeAllocationReadPermission = createPermission({
  name: 'cost-uptime.allocation.read',
  attributes: { action: 'read' },
});

export const costUptimePermissions = [
  costUptimeCollectionRunPermission,
  costUptimeAllocationReadPermission,
];
