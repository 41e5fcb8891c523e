/*
 * AWS Cost Explorer, played locally: the JSON 1.1 protocol the AWS SDK speaks
 * (POST /, `X-Amz-Target: AWSInsightsIndexService.<Operation>`,
 * `Content-Type: application/x-amz-json-1.1`, SigV4 `Authorization`), with
 * the behaviours a collector has to cope with: `NextPageToken` pagination,
 * `LimitExceededException` throttling, `Estimated` recent days that are later
 * restated, and data that lags a day.
 *
 * Tests and people can steer it through a control endpoint on the same port:
 *   GET  /_sandbox/cost-explorer  → request counts
 *   POST /_sandbox/cost-explorer  → { throttleNext, failAfter, adjust, pageGroups, reset }
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandIn } from '../StandIn.ts';
import { listen, readBody, sendJson } from '../http.ts';
import { billerOf, type CostModel } from './billing.ts';
import { dayNumber, dayString } from './data.ts';
import { exampleAccount } from './exampleAccount.ts';

export interface CostExplorerControl {
  /** The next N requests answer LimitExceededException. */
  throttleNext?: number;
  /** After N more successful requests, every request fails (DataUnavailableException); null clears. */
  failAfter?: number | null;
  /** Multiplies a day's amounts (restatement by AWS), e.g. { '2026-11-02': 1.1 }. */
  adjust?: Record<string, number>;
  /** Largest number of groups in one page (days are not split across pages). */
  pageGroups?: number;
  /** Back to the defaults and zero counters. */
  reset?: boolean;
}

export interface CostExplorerState {
  throttleNext: number;
  failAfter: number | null;
  adjust: Record<string, number>;
  pageGroups: number;
  requests: number;
  byTarget: Record<string, number>;
}

export interface CostExplorerHandlerOptions {
  /** The account billed; default the example account (exampleAccount.ts). */
  model?: CostModel;
  /** The stand-in's clock; tests move it to simulate later runs. */
  now?: () => Date;
  /** Days before today that are still `Estimated` (and reported lower). */
  estimatedDays?: number;
}

const TARGET_PREFIX = 'AWSInsightsIndexService.';
const ESTIMATED_FACTOR = 0.96;

function initialState(): CostExplorerState {
  return {
    throttleNext: 0,
    failAfter: null,
    adjust: {},
    pageGroups: 1000,
    requests: 0,
    byTarget: {},
  };
}

class AwsError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

function send(res: ServerResponse, status: number, body: unknown, extra = {}) {
  sendJson(res, status, body, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': `sandbox-${Date.now().toString(36)}`,
    ...extra,
  });
}

function sendError(res: ServerResponse, error: AwsError) {
  send(
    res,
    error.status,
    { __type: error.type, message: error.message },
    { 'x-amzn-errortype': error.type },
  );
}

type GroupBy = { Type: string; Key: string };

interface GetCostAndUsageInput {
  TimePeriod?: { Start?: string; End?: string };
  Granularity?: string;
  Metrics?: string[];
  GroupBy?: GroupBy[];
  NextPageToken?: string;
}

/**
 * The request handler, usable in-process (`http.createServer(handler)`) by
 * tests as well as by the sandbox process.
 */
export function createCostExplorerHandler(
  options: CostExplorerHandlerOptions = {},
) {
  const biller = billerOf(options.model ?? exampleAccount());
  const now = options.now ?? (() => new Date());
  const estimatedDays = options.estimatedDays ?? 2;
  const state = initialState();

  function today(): number {
    return dayNumber(now().toISOString().slice(0, 10));
  }

  /** A day's billed amount as the API reports it (restated, or still estimated). */
  function amountFor(
    day: string,
    tags: Record<string, string>,
    service?: string,
  ): number {
    const factor = state.adjust[day] ?? 1;
    const estimated = dayNumber(day) >= today() - estimatedDays;
    return (
      biller.amount(day, tags, service) *
      factor *
      (estimated ? ESTIMATED_FACTOR : 1)
    );
  }

  /** One day's groups: every combination of the GroupBy values that has cost. */
  function groupsOf(day: string, groupBy: GroupBy[], metrics: string[]) {
    if (!groupBy.length) return [];
    const valuesOf = (g: GroupBy) =>
      g.Type === 'TAG' ? biller.tagValues(g.Key, day) : biller.awsServices;
    let combos: string[][] = [[]];
    for (const g of groupBy) {
      combos = combos.flatMap(c => valuesOf(g).map(v => [...c, v]));
    }
    const groups = [];
    for (const combo of combos) {
      const tags: Record<string, string> = {};
      let service: string | undefined;
      groupBy.forEach((g, k) => {
        if (g.Type === 'TAG') tags[g.Key] = combo[k];
        else service = combo[k];
      });
      const amount = amountFor(day, tags, service);
      // Cost Explorer leaves out groups without cost.
      if (amount === 0) continue;
      groups.push({
        Keys: groupBy.map((g, k) =>
          g.Type === 'TAG' ? `${g.Key}$${combo[k]}` : combo[k],
        ),
        Metrics: Object.fromEntries(
          metrics.map(m => [m, { Amount: amount.toFixed(10), Unit: 'USD' }]),
        ),
      });
    }
    return groups;
  }

  function getCostAndUsage(input: GetCostAndUsageInput) {
    const start = input.TimePeriod?.Start;
    const end = input.TimePeriod?.End;
    if (
      !start ||
      !end ||
      !/^\d{4}-\d{2}-\d{2}$/.test(start) ||
      !/^\d{4}-\d{2}-\d{2}/.test(end)
    ) {
      throw new AwsError(
        'ValidationException',
        'TimePeriod Start and End are required',
      );
    }
    if (input.Granularity !== 'DAILY' && input.Granularity !== 'MONTHLY') {
      throw new AwsError(
        'ValidationException',
        `Granularity ${input.Granularity} is not supported here`,
      );
    }
    const metrics = input.Metrics ?? [];
    if (metrics.length === 0) {
      throw new AwsError('ValidationException', 'Metrics are required');
    }
    const groupBy = input.GroupBy ?? [];
    if (groupBy.length > 2) {
      throw new AwsError(
        'ValidationException',
        'GroupBy accepts at most 2 groups',
      );
    }
    for (const g of groupBy) {
      if (g.Type !== 'TAG' && !(g.Type === 'DIMENSION' && g.Key === 'SERVICE')) {
        throw new AwsError(
          'ValidationException',
          `GroupBy ${g.Type} ${g.Key} is not supported here`,
        );
      }
    }
    const startN = dayNumber(start);
    // Data lags: nothing for today or later yet.
    const endN = Math.min(dayNumber(end), today());
    if (dayNumber(start) >= dayNumber(end)) {
      throw new AwsError(
        'ValidationException',
        'Start date must be before end date',
      );
    }
    if (startN < today() - 13 * 31 - 31) {
      throw new AwsError(
        'ValidationException',
        'historical data beyond 13 months is not available',
      );
    }

    const days: string[] = [];
    for (let n = startN; n < endN; n++) days.push(dayString(n));

    const requestKey = JSON.stringify({ ...input, NextPageToken: undefined });
    let offset = 0;
    if (input.NextPageToken) {
      try {
        const token = JSON.parse(
          Buffer.from(input.NextPageToken, 'base64url').toString('utf8'),
        );
        if (token.k !== hash(requestKey)) {
          throw new AwsError(
            'RequestChangedException',
            'The request changed between pages',
          );
        }
        offset = Number(token.o);
      } catch (e) {
        if (e instanceof AwsError) throw e;
        throw new AwsError(
          'InvalidNextTokenException',
          'The pagination token is invalid',
        );
      }
    }

    const results = [];
    let groupsInPage = 0;
    let i = offset;
    for (; i < days.length; i++) {
      const day = days[i];
      const groups = groupsOf(day, groupBy, metrics);
      if (results.length > 0 && groupsInPage + groups.length > state.pageGroups)
        break;
      const estimated = dayNumber(day) >= today() - estimatedDays;
      groupsInPage += groups.length;
      const total = amountFor(day, {});
      results.push({
        TimePeriod: { Start: day, End: dayString(dayNumber(day) + 1) },
        Total: groupBy.length
          ? {}
          : Object.fromEntries(
              metrics.map(m => [m, { Amount: total.toFixed(10), Unit: 'USD' }]),
            ),
        Groups: groups,
        Estimated: estimated,
      });
    }
    const body: Record<string, unknown> = {
      GroupDefinitions: groupBy,
      ResultsByTime: results,
      DimensionValueAttributes: [],
    };
    if (i < days.length) {
      body.NextPageToken = Buffer.from(
        JSON.stringify({ o: i, k: hash(requestKey) }),
      ).toString('base64url');
    }
    return body;
  }

  function getCostForecast(input: {
    TimePeriod?: { Start?: string; End?: string };
    Metric?: string;
    Granularity?: string;
    Filter?: { Tags?: { Key?: string; Values?: string[] } };
  }) {
    const start = input.TimePeriod?.Start;
    const end = input.TimePeriod?.End;
    if (!start || !end || !input.Metric || !input.Granularity) {
      throw new AwsError(
        'ValidationException',
        'TimePeriod, Metric and Granularity are required',
      );
    }
    if (dayNumber(start) < today()) {
      throw new AwsError(
        'ValidationException',
        'Start date must be equal to or later than the current date',
      );
    }
    const tag = input.Filter?.Tags;
    const filter =
      tag?.Key && tag.Values ? { key: tag.Key, values: tag.Values } : undefined;
    let total = 0;
    for (let n = dayNumber(start); n < dayNumber(end); n++) {
      total += biller.expected(dayString(n), filter) * 0.93;
    }
    return {
      Total: { Amount: total.toFixed(10), Unit: 'USD' },
      ForecastResultsByTime: [
        {
          TimePeriod: { Start: start, End: end },
          MeanValue: total.toFixed(10),
        },
      ],
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? '/';
    if (url.startsWith('/_sandbox/cost-explorer')) {
      if (req.method === 'POST') {
        const control = JSON.parse(
          (await readBody(req)) || '{}',
        ) as CostExplorerControl;
        if (control.reset) Object.assign(state, initialState());
        if (control.throttleNext !== undefined)
          state.throttleNext = control.throttleNext;
        if (control.failAfter !== undefined)
          state.failAfter = control.failAfter;
        if (control.adjust)
          state.adjust = { ...state.adjust, ...control.adjust };
        if (control.pageGroups) state.pageGroups = control.pageGroups;
      }
      sendJson(res, 200, state, { 'content-type': 'application/json' });
      return;
    }
    if (req.method !== 'POST' || url !== '/') {
      sendError(
        res,
        new AwsError('UnknownOperationException', 'Not found', 404),
      );
      return;
    }
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const auth = String(req.headers.authorization ?? '');
    state.requests++;
    state.byTarget[target] = (state.byTarget[target] ?? 0) + 1;
    try {
      if (!auth.startsWith('AWS4-HMAC-SHA256 Credential=')) {
        throw new AwsError(
          'MissingAuthenticationTokenException',
          'Missing Authentication Token',
          403,
        );
      }
      if (
        !String(req.headers['content-type']).startsWith(
          'application/x-amz-json-1.1',
        )
      ) {
        throw new AwsError(
          'SerializationException',
          'Expected application/x-amz-json-1.1',
        );
      }
      if (state.throttleNext > 0) {
        state.throttleNext--;
        throw new AwsError('LimitExceededException', 'Rate exceeded');
      }
      if (state.failAfter !== null) {
        if (state.failAfter <= 0) {
          throw new AwsError(
            'DataUnavailableException',
            'Data is not available',
            400,
          );
        }
        state.failAfter--;
      }
      const input = JSON.parse(body || '{}');
      switch (target) {
        case `${TARGET_PREFIX}GetCostAndUsage`:
          send(res, 200, getCostAndUsage(input));
          return;
        case `${TARGET_PREFIX}GetCostForecast`:
          send(res, 200, getCostForecast(input));
          return;
        default:
          throw new AwsError(
            'UnknownOperationException',
            `Unknown operation ${target}`,
          );
      }
    } catch (e) {
      if (e instanceof AwsError) {
        sendError(res, e);
      } else {
        sendError(res, new AwsError('InternalServerException', String(e), 500));
      }
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(e => {
      sendError(res, new AwsError('InternalServerException', String(e), 500));
    });
  };
  return Object.assign(handler, { state });
}

function hash(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++)
    h = (Math.imul(h, 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/** The Cost Explorer stand-in of `./portal start`: the example cost model. */
export function costExplorerStandIn(
  options: CostExplorerHandlerOptions = {},
): StandIn {
  return {
    name: 'costExplorer',
    description:
      'AWS Cost Explorer (JSON 1.1: GetCostAndUsage, GetCostForecast; control at /_sandbox/cost-explorer)',
    start: listenOptions =>
      listen(listenOptions, createCostExplorerHandler(options)),
  };
}
