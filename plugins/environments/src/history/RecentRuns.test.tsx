import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import type {
  EnvironmentHistory,
  EnvironmentRunLog,
} from '@internal/plugin-environments-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EnvironmentStateChip } from './EnvironmentStateChip';
import { RecentRuns } from './RecentRuns';
import { useEnvironmentHistory } from './useEnvironmentHistory';

const discoveryApi = {
  getBaseUrl: async (id: string) => `http://backend/api/${id}`,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/**
 * Answers the history route from `answers` (the last one repeated) and a
 * run's log route from `logs` the same way; `urls` are the history asks,
 * `logUrls` the log asks.
 */
function fetchReturning(
  answers: Array<EnvironmentHistory | Response>,
  logs: Array<EnvironmentRunLog | Response> = [
    { text: '', next: 0, more: false },
  ],
) {
  const urls: string[] = [];
  const logUrls: string[] = [];
  const take = <T,>(queue: T[]) =>
    queue.length > 1 ? queue.shift()! : queue[0];
  const fetch = async (url: string) => {
    const isLog = url.includes('/log?');
    (isLog ? logUrls : urls).push(url);
    const next = isLog ? take(logs) : take(answers);
    return next instanceof Response ? next : json(next);
  };
  return { api: { fetch }, urls, logUrls };
}

/** The card's state cell and runs, as the card wires them. */
function Runs({ name, pollMs }: { name: string; pollMs: number }) {
  const state = useEnvironmentHistory(name, pollMs);
  return (
    <>
      {state.history && <EnvironmentStateChip value={state.history.state} />}
      <RecentRuns state={state} logPollMs={pollMs} />
      <button onClick={state.reload}>reload</button>
    </>
  );
}

async function render(fetchApi: { fetch: any }, pollMs = 20) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fetchApiRef, fetchApi],
        [discoveryApiRef, discoveryApi],
      ]}
    >
      <Runs name="dev-a" pollMs={pollMs} />
    </TestApiProvider>,
  );
}

const run = (
  id: number,
  extra: Partial<EnvironmentHistory['runs'][0]> = {},
) => ({
  id,
  operation: 'create' as const,
  requestedBy: 'user:default/minsu.park',
  requestedAt: `2026-12-0${id}T09:00:00.000Z`,
  result: 'SUCCESS',
  build: {
    number: id,
    url: `http://jenkins/job/platform/job/environment/${id}/`,
  },
  gitCommit: `${id}bcdef0123456789abcdef0123456789abcdef`.slice(0, 40),
  ...extra,
});

describe('RecentRuns', () => {
  it('shows the state and the last five runs: what, who, when, result, build, commit', async () => {
    const runs = [7, 6, 5, 4, 3, 2, 1].map(id =>
      run(id, id === 7 ? { operation: 'extend', build: undefined } : {}),
    );
    const { api, urls } = fetchReturning([
      { name: 'dev-a', state: 'ready', runs },
    ]);
    await render(api);

    const table = await screen.findByRole('table', { name: 'Pipeline runs' });
    expect(urls[0]).toBe('http://backend/api/environments/environments/dev-a');
    expect(screen.getByText('ready')).toBeInTheDocument();
    const rows = within(table).getAllByRole('row');
    // The header and five runs, newest first.
    expect(rows).toHaveLength(6);
    expect(rows[1]).toHaveTextContent('extend');
    expect(rows[1]).toHaveTextContent('minsu.park');
    expect(rows[1]).toHaveTextContent('SUCCESS');
    expect(within(rows[2]).getByRole('link', { name: /^#6/ })).toHaveAttribute(
      'href',
      'http://jenkins/job/platform/job/environment/6/',
    );
    expect(rows[2]).toHaveTextContent('6bcdef0');
    // The time in the user's zone, the ISO value kept on <time>.
    expect(rows[2].querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-12-06T09:00:00.000Z',
    );
    expect(within(table).queryByText('#2')).not.toBeInTheDocument();
  });

  it('says when no run was recorded', async () => {
    const { api } = fetchReturning([
      { name: 'dev-a', state: 'ready', runs: [] },
    ]);
    await render(api);
    expect(
      await screen.findByText('No pipeline run recorded yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("names the backend's error", async () => {
    const { api } = fetchReturning([
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'You may not see environment dev-a',
          },
          // The error body of Backstage's error middleware.
          request: { method: 'GET', url: '/environments/dev-a' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    ]);
    await render(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the pipeline runs: You may not see environment dev-a',
    );
  });

  it('asks again while a run is in progress and stops once it has ended', async () => {
    const going = {
      name: 'dev-a',
      state: 'provisioning' as const,
      runs: [run(1, { result: undefined, build: undefined })],
    };
    const ended = { name: 'dev-a', state: 'ready' as const, runs: [run(1)] };
    const { api, urls } = fetchReturning([going, going, ended]);
    await render(api);

    expect(await screen.findByText('provisioning')).toBeInTheDocument();
    expect(screen.getByText('running')).toBeInTheDocument();
    expect(await screen.findByText('ready')).toBeInTheDocument();
    expect(screen.getByText('SUCCESS')).toBeInTheDocument();
    const asked = urls.length;
    expect(asked).toBe(3);
    // Ended: no more requests.
    await new Promise(resolve => setTimeout(resolve, 100));
    await waitFor(() => expect(urls).toHaveLength(asked));
  });

  it('asks again when the card reloads it (after an extension)', async () => {
    const before = { name: 'dev-a', state: 'ready' as const, runs: [run(1)] };
    const after = {
      name: 'dev-a',
      state: 'ready' as const,
      runs: [run(2, { operation: 'extend', build: undefined }), run(1)],
    };
    const { api, urls } = fetchReturning([before, after]);
    await render(api);
    const table = await screen.findByRole('table', { name: 'Pipeline runs' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    screen.getByRole('button', { name: 'reload' }).click();
    expect(await screen.findByText('extend')).toBeInTheDocument();
    expect(urls).toHaveLength(2);
  });

  it("follows a running build's log piece by piece and stops when Jenkins says it ended", async () => {
    const going = {
      name: 'dev-a',
      state: 'provisioning' as const,
      runs: [run(2, { result: undefined }), run(1)],
    };
    const { api, logUrls } = fetchReturning(
      [going],
      [
        { text: 'Started by user portal\n', next: 24, more: true },
        { text: '', next: 24, more: true },
        { text: '[Pipeline] stage (Apply)\n', next: 49, more: true },
        { text: 'Finished: SUCCESS\n', next: 67, more: false },
      ],
    );
    await render(api);
    // The running run's log is open by itself; the finished one's is not.
    const log = await screen.findByRole('log', {
      name: 'Console log of run 2',
    });
    expect(log).toHaveAttribute('aria-live', 'polite');
    await waitFor(() =>
      expect(log).toHaveTextContent(
        'Started by user portal [Pipeline] stage (Apply) Finished: SUCCESS',
      ),
    );
    expect(logUrls).toEqual([
      'http://backend/api/environments/environments/dev-a/runs/2/log?start=0',
      'http://backend/api/environments/environments/dev-a/runs/2/log?start=24',
      'http://backend/api/environments/environments/dev-a/runs/2/log?start=24',
      'http://backend/api/environments/environments/dev-a/runs/2/log?start=49',
    ]);
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(logUrls).toHaveLength(4);
    expect(
      screen.queryByRole('log', { name: 'Console log of run 1' }),
    ).not.toBeInTheDocument();
  });

  it("opens a finished run's log on demand, and names what went wrong reading it", async () => {
    const { api, logUrls } = fetchReturning(
      [{ name: 'dev-a', state: 'ready', runs: [run(1)] }],
      [
        json(
          {
            error: {
              name: 'NotFoundError',
              message: 'Jenkins no longer has build #1 of run 1, or its log',
            },
            request: { method: 'GET', url: '/environments/dev-a/runs/1/log' },
            response: { statusCode: 404 },
          },
          404,
        ),
      ],
    );
    await render(api);
    const show = await screen.findByRole('button', { name: 'Show log' });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    expect(logUrls).toHaveLength(0);
    fireEvent.click(show);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not read the console log: Jenkins no longer has build #1 of run 1, or its log',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Hide log' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(logUrls).toHaveLength(1);
  });

  it('says the build has not started yet while a run waits in the queue', async () => {
    const { api } = fetchReturning(
      [
        {
          name: 'dev-a',
          state: 'provisioning',
          runs: [run(1, { result: undefined, build: undefined })],
        },
      ],
      [{ text: '', next: 0, more: true }],
    );
    await render(api);
    expect(
      await screen.findByText('Waiting for Jenkins to start the build…'),
    ).toBeInTheDocument();
  });

  it('asks again in every card of the environment when one of them reloads', async () => {
    const before = { name: 'dev-a', state: 'ready' as const, runs: [run(1)] };
    const after = {
      name: 'dev-a',
      state: 'ready' as const,
      runs: [run(2, { operation: 'pause', build: undefined }), run(1)],
    };
    const { api, urls } = fetchReturning([before, before, after]);
    function Other() {
      const state = useEnvironmentHistory('dev-a', 20);
      return <span data-testid="other">{state.history?.runs.length}</span>;
    }
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [fetchApiRef, api as any],
          [discoveryApiRef, discoveryApi],
        ]}
      >
        <Runs name="dev-a" pollMs={20} />
        <Other />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('other')).toHaveTextContent('1'),
    );
    expect(urls).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'reload' }));
    // Both asked again; the other card shows the new run too.
    await waitFor(() => expect(urls).toHaveLength(4));
    await waitFor(() =>
      expect(screen.getByTestId('other')).toHaveTextContent('2'),
    );
  });
});
