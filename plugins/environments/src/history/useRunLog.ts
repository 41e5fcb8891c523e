import { useEffect, useState } from 'react';
import { useEnvironmentsClient } from './useEnvironmentsClient';

/** How often an open log of a running build asks for more. */
const LOG_POLL_MS = 2000;
/** The most text kept on the page; older lines drop off the top. */
const KEPT_LOG_CHARS = 256 * 1024;

export interface RunLogState {
  loading: boolean;
  text: string;
  /** More may come: the build still runs. */
  more: boolean;
  /** Older text was dropped, by the backend or here. */
  truncated: boolean;
  error?: Error;
}

/**
 * A run's console log while it is shown: read from the start, then from
 * where the last answer ended every `pollMs` while the build runs. A failed
 * read keeps the text so far and stops asking.
 */
export function useRunLog(
  name: string,
  runId: number,
  pollMs = LOG_POLL_MS,
): RunLogState {
  const client = useEnvironmentsClient();
  const [state, setState] = useState<RunLogState>({
    loading: true,
    text: '',
    more: true,
    truncated: false,
  });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async (start: number) => {
      try {
        const piece = await client.getRunLog(name, runId, start);
        if (stopped) return;
        setState(s => {
          const text = s.text + piece.text;
          return {
            loading: false,
            text: text.slice(-KEPT_LOG_CHARS),
            more: piece.more,
            truncated:
              s.truncated || !!piece.truncated || text.length > KEPT_LOG_CHARS,
          };
        });
        if (piece.more) timer = setTimeout(() => read(piece.next), pollMs);
      } catch (e) {
        if (!stopped) {
          setState(s => ({
            ...s,
            loading: false,
            more: false,
            error: e as Error,
          }));
        }
      }
    };
    read(0);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [client, name, runId, pollMs]);

  return state;
}
