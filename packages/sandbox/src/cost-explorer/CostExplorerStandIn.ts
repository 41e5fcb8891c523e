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
 *
 * This file routes requests; the answers are built in costAndUsage.ts and
 * forecast.ts, the throttling and counters live in control.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandIn } from '../StandIn.ts';
import { listen, readBody, sendJson } from '../http.ts';
import {
  AwsError,
  sendAws,
  sendAwsError,
  sendFailure,
  TARGET_PREFIX,
} from './awsJson.ts';
import { billerOf, type CostModel } from './billing.ts';
import {
  admit,
  applyControl,
  countRequest,
  initialState,
  type CostExplorerControl,
  type CostExplorerState,
} from './control.ts';
import { getCostAndUsage } from './costAndUsage.ts';
import { dayNumber } from './data.ts';
import { exampleAccount } from './exampleAccount.ts';
import { getCostForecast } from './forecast.ts';
import type { Reporting } from './reporting.ts';

export type { CostExplorerControl, CostExplorerState };

export interface CostExplorerHandlerOptions {
  /** The account billed; default the example account (exampleAccount.ts). */
  model?: CostModel;
  /** The stand-in's clock; tests move it to simulate later runs. */
  now?: () => Date;
  /** Days before today that are still `Estimated` (and reported lower). */
  estimatedDays?: number;
}

function answer(reporting: Reporting, target: string, body: string) {
  const input = JSON.parse(body || '{}');
  switch (target) {
    case `${TARGET_PREFIX}GetCostAndUsage`:
      return getCostAndUsage(reporting, input);
    case `${TARGET_PREFIX}GetCostForecast`:
      return getCostForecast(reporting, input);
    default:
      throw new AwsError(
        'UnknownOperationException',
        `Unknown operation ${target}`,
      );
  }
}

/** Refuses what the AWS SDK would never send: no SigV4, not JSON 1.1. */
function checkSdkRequest(req: IncomingMessage) {
  const auth = String(req.headers.authorization ?? '');
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
}

async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  state: CostExplorerState,
) {
  if (req.method === 'POST') {
    const control = JSON.parse(
      (await readBody(req)) || '{}',
    ) as CostExplorerControl;
    applyControl(state, control);
  }
  sendJson(res, 200, state, { 'content-type': 'application/json' });
}

async function handleOperation(
  req: IncomingMessage,
  res: ServerResponse,
  reporting: Reporting,
) {
  const body = await readBody(req);
  const target = String(req.headers['x-amz-target'] ?? '');
  countRequest(reporting.state, target);
  try {
    checkSdkRequest(req);
    admit(reporting.state);
    sendAws(res, 200, answer(reporting, target, body));
  } catch (e) {
    sendFailure(res, e);
  }
}

/**
 * The request handler, usable in-process (`http.createServer(handler)`) by
 * tests as well as by the sandbox process.
 */
export function createCostExplorerHandler(
  options: CostExplorerHandlerOptions = {},
) {
  const now = options.now ?? (() => new Date());
  const state = initialState();
  const reporting: Reporting = {
    biller: billerOf(options.model ?? exampleAccount()),
    state,
    today: () => dayNumber(now().toISOString().slice(0, 10)),
    estimatedDays: options.estimatedDays ?? 2,
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? '/';
    if (url.startsWith('/_sandbox/cost-explorer')) {
      await handleControl(req, res, state);
    } else if (req.method !== 'POST' || url !== '/') {
      sendAwsError(
        res,
        new AwsError('UnknownOperationException', 'Not found', 404),
      );
    } else {
      await handleOperation(req, res, reporting);
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(e => sendFailure(res, e));
  };
  return Object.assign(handler, { state });
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
