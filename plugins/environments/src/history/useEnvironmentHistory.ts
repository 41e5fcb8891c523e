import { useCallback, useEffect, useState } from 'react';
import type { EnvironmentHistory } from '@internal/plugin-environments-common';
import { useEnvironmentsClient } from './useEnvironmentsClient';

/** How often the card asks again while a run is in progress. */
const POLL_MS = 5000;

/** A run without a result is still going (the recorder sets it at the end). */
const isInProgress = (history: EnvironmentHistory | undefined) =>
  !!history?.runs.some(run => run.result === undefined);

export interface HistoryState {
  loading: boolean;
  history?: EnvironmentHistory;
  error?: Error;
}

/**
 * Every card of one environment asks again when any of them reloads: the
 * pause card's run shows on the environment card's state and runs too.
 */
const reloaders = new Map<string, Set<() => void>>();

/** The history and a way to ask again (after the card changed something). */
export interface HistoryWithReload extends HistoryState {
  reload(): void;
}

/**
 * The environment's state and runs; asked again every `pollMs` while a run
 * is in progress, and no more once it has ended. A failed refresh keeps the
 * last answer and shows the error.
 */
export function useEnvironmentHistory(
  name: string,
  pollMs = POLL_MS,
): HistoryWithReload {
  const client = useEnvironmentsClient();
  const [state, setState] = useState<HistoryState>({ loading: true });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const again = () => setAsked(n => n + 1);
    const set = reloaders.get(name) ?? new Set();
    set.add(again);
    reloaders.set(name, set);
    return () => {
      set.delete(again);
      if (set.size === 0) reloaders.delete(name);
    };
  }, [name]);
  const reload = useCallback(
    () => reloaders.get(name)?.forEach(again => again()),
    [name],
  );

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const history = await client.getHistory(name);
        if (stopped) return;
        setState({ loading: false, history });
        if (isInProgress(history)) timer = setTimeout(load, pollMs);
      } catch (e) {
        if (!stopped) {
          setState(s => ({ ...s, loading: false, error: e as Error }));
        }
      }
    };
    load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [client, name, pollMs, asked]);

  return { ...state, reload };
}
