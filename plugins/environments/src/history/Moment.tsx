import { useFormatters } from '@internal/i18n-react';

/**
 * A moment in the user's language and time zone, the ISO value in
 * `dateTime` (and the title) for tools and tests.
 */
export function Moment({ iso }: { iso: string }) {
  const fmt = useFormatters();
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return <>{iso}</>;
  return (
    <time dateTime={iso} title={iso}>
      {fmt.dateTime(ms)}
    </time>
  );
}
