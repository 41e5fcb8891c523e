import { useState } from 'react';

/**
 * A card's request to the backend: `busy` while it runs, then `message`,
 * what the request returned or `failed` of its error's message.
 */
export function useCardAction(failed: (message: string) => string) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const run = async (request: () => Promise<string | undefined>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage(await request());
    } catch (e) {
      setMessage(failed((e as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}
