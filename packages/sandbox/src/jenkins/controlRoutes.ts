import { readBody, type Route } from '../http.ts';
import { send, type JenkinsRequest } from './request.ts';

/**
 * Test controls, not part of Jenkins and outside its URL space
 * (`/__sandbox/...`; what each does is listed in JenkinsStandIn.ts).
 */
export const controlRoutes: Route<JenkinsRequest>[] = [
  [
    'GET',
    '/__sandbox/builds',
    ({ res, state }) =>
      send(res, 200, {
        queue: [...state.queue.values()].map(i => ({
          id: i.id,
          job: i.job,
          parameters: i.parameters,
          cancelled: i.cancelled,
        })),
        builds: state.builds
          .filter(b => !b.example)
          .map(b => ({
            job: b.job,
            number: b.number,
            parameters: b.parameters,
            result: b.done ? b.result : null,
          })),
      }),
  ],
  [
    '*',
    '/__sandbox/outage',
    ({ req, res, state }) => {
      if (req.method === 'POST') state.down = true;
      else if (req.method === 'DELETE') state.down = false;
      send(res, 200, { down: state.down });
    },
  ],
  [
    'POST',
    '/__sandbox/reset',
    ({ res, state }) => {
      state.reset();
      send(res, 200, { ok: true });
    },
  ],
  ['POST', '/__sandbox/control', control],
];

/** `POST /__sandbox/control`: how the next runs behave. */
async function control({ req, res, state }: JenkinsRequest) {
  const body = JSON.parse((await readBody(req)) || '{}');
  if (body.nextResult) state.nextResult = body.nextResult;
  if (body.cancelNextQueueItem !== undefined)
    state.cancelNextQueueItem = !!body.cancelNextQueueItem;
  if (typeof body.lineDelayMs === 'number')
    state.lineDelayMs = body.lineDelayMs;
  if (typeof body.quietPeriodMs === 'number')
    state.quietPeriodMs = body.quietPeriodMs;
  if (body.duplicateStatus === 200 || body.duplicateStatus === 303)
    state.duplicateStatus = body.duplicateStatus;
  if (body.dropNextTriggerResponse !== undefined)
    state.dropNextTriggerResponse = !!body.dropNextTriggerResponse;
  send(res, 200, { ok: true });
}
