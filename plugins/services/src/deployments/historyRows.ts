/*
 * The deploy history of a service across environments, from each Argo CD's
 * `status.history` (newest first), with how long each deploy took.
 */
import type { ArgoResult } from '@internal/plugin-services-common';

export type HistoryRow = {
  environment: string;
  id: number;
  /** The Git revision, or a multi-source application's revisions. */
  revisions: string[];
  deployedAt?: string;
  /** From `deployStartedAt` to `deployedAt`; undefined when either is missing or they are out of order. */
  durationMs?: number;
};

const time = (iso?: string) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** How long a deploy took: `deployedAt` minus `deployStartedAt`. */
export function deployDuration(
  deployStartedAt?: string,
  deployedAt?: string,
): number | undefined {
  const start = time(deployStartedAt);
  const end = time(deployedAt);
  if (start === undefined || end === undefined || end < start) return undefined;
  return end - start;
}

/** `1h 02m 05s`, `3m 20s`, `45s`. */
/**
 * A duration cut into hours, minutes and seconds: minutes and seconds are
 * two digits after a larger unit; `unit` names the largest unit shown.
 */
export function durationParts(ms: number): {
  unit: 'hours' | 'minutes' | 'seconds';
  h: string;
  m: string;
  s: string;
} {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return { unit: 'hours', h: String(h), m: pad(m), s: pad(s) };
  if (m > 0) return { unit: 'minutes', h: '0', m: String(m), s: pad(s) };
  return { unit: 'seconds', h: '0', m: '0', s: String(s) };
}

/** A duration in English units: `1h 02m 05s`, `1m 00s`, `45s`. */
export function formatDuration(ms: number): string {
  const { unit, h, m, s } = durationParts(ms);
  if (unit === 'hours') return `${h}h ${m}m ${s}s`;
  if (unit === 'minutes') return `${m}m ${s}s`;
  return `${s}s`;
}

/** Every deploy of the service in every environment, newest first. */
export function historyRows(argo: ArgoResult[]): HistoryRow[] {
  const rows = argo.flatMap(a =>
    a.state !== 'found'
      ? []
      : (a.application.status?.history ?? []).map(
          (h): HistoryRow => ({
            environment: a.instance,
            id: h.id,
            revisions: h.revision
              ? [h.revision]
              : (h.revisions ?? []).filter(Boolean),
            deployedAt: h.deployedAt,
            durationMs: deployDuration(h.deployStartedAt, h.deployedAt),
          }),
        ),
  );
  return rows.sort(
    (x, y) => (time(y.deployedAt) ?? 0) - (time(x.deployedAt) ?? 0),
  );
}
