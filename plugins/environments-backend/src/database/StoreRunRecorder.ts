import type {
  EnvironmentRunRecorder,
  RunFinish,
  RunStart,
} from '@internal/plugin-environments-node';
import type { EnvironmentStore } from './EnvironmentStore';

/** The recorder inside the environments plugin: straight to its store, on its clock. */
export class StoreRunRecorder implements EnvironmentRunRecorder {
  private readonly store: Pick<
    EnvironmentStore,
    'startRun' | 'setBuild' | 'finishRun'
  >;
  private readonly now: () => Date;

  constructor(
    store: Pick<EnvironmentStore, 'startRun' | 'setBuild' | 'finishRun'>,
    now: () => Date = () => new Date(),
  ) {
    this.store = store;
    this.now = now;
  }

  start(environment: string, run: RunStart) {
    return this.store.startRun({
      ...run,
      environment,
      requestedAt: this.now(),
    });
  }

  setBuild(id: number, build: { number: number; url: string }) {
    return this.store.setBuild(id, build);
  }

  finish(id: number, end: RunFinish) {
    return this.store.finishRun(id, { ...end, finishedAt: this.now() });
  }
}
