import type {
  AlertEvent,
  AlertsService,
  RaiseResult,
} from '@internal/plugin-alerts-node';
import type { CostEntity } from '../service/EntityDirectory';

/** An alerts service that records what it is given and dedupes by id, like the backend. */
export class RecordingAlerts implements AlertsService {
  events: AlertEvent[] = [];
  private readonly seen = new Set<string>();
  async raise(event: AlertEvent): Promise<RaiseResult> {
    this.events.push(event);
    const id = event.id!;
    if (this.seen.has(id)) return { id, status: 'duplicate' };
    this.seen.add(id);
    return { id, status: 'sent' };
  }
}

/** The dev-a environment as the catalog names it. */
export const devA: CostEntity = {
  entityRef: 'resource:default/dev-a',
  title: 'dev-a',
  tagKey: 'environment',
  tagValue: 'dev-a',
  sli: 'up',
};
