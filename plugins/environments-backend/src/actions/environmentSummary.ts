/*
 * What an agent is told about one environment, read from its catalog
 * Resource (the annotations the portal writes on it).
 */
import type { Entity } from '@backstage/catalog-model';
import { ENVIRONMENT_ANNOTATIONS as ANNOTATIONS } from '@internal/plugin-environments-common';

type Zod = typeof import('zod/v3').z;

export const environmentSummarySchema = (z: Zod) =>
  z.object({
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    owner: z.string().describe('The owner group; its members may change it'),
    purpose: z.string().optional().describe('dev, test, staging or prod'),
    state: z
      .string()
      .describe(
        'requested, provisioning, ready, updating, destroying, destroyed or failed',
      ),
    expiresAt: z
      .string()
      .optional()
      .describe('ISO time it is destroyed at; absent when it does not expire'),
    region: z.string().optional(),
    lastRunUrl: z.string().optional().describe('The last Jenkins pipeline run'),
    links: z.array(z.object({ url: z.string(), title: z.string().optional() })),
  });

export function environmentSummary(entity: Entity) {
  const a = entity.metadata.annotations ?? {};
  return {
    name: entity.metadata.name,
    title: entity.metadata.title,
    description: entity.metadata.description,
    owner: String(entity.spec?.owner ?? ''),
    purpose: a[ANNOTATIONS.purpose],
    // Environments written before the portal kept a state are running ones.
    state: a[ANNOTATIONS.status] ?? 'ready',
    expiresAt: a[ANNOTATIONS.expiresAt],
    region: a[ANNOTATIONS.region],
    lastRunUrl: a[ANNOTATIONS.lastRunUrl],
    links: (entity.metadata.links ?? []).map(l => ({
      url: l.url,
      title: l.title,
    })),
  };
}
