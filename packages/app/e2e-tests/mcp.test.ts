/*
 * The portal as MCP servers for AI agents, driven by the real MCP client
 * (@modelcontextprotocol/sdk over Streamable HTTP) with the Backstage token
 * of an example user signed in through the Keycloak stand-in: the tools it
 * lists, cost and SLO figures equal to the REST API's and the page's, an
 * extension of its own environment, refusals (someone else's environment,
 * hostile names, prod), the read-only server without any write tool, a
 * service's deployments equal to the Deployments card and its latest build
 * equal to the CI/CD card, and anonymous calls answered 401.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
// The hostile spellings the create template refuses.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { HOSTILE_INPUTS } from '@internal/sandbox';
import { backstageToken, expect, signIn, test } from './fixtures';

const BASE = `http://localhost:${Number(process.env.E2E_PORT_BASE ?? 7100)}`;
const MCP = `${BASE}/api/mcp-actions/v1`;
const TRANSCRIPT = path.resolve(
  __dirname,
  '../../../test-results/mcp-transcript.json',
);
const WRITE_TOOLS = [
  'create-environment',
  'extend-environment',
  'destroy-environment',
];
/** The read tools of the services and Jenkins plugins. */
const SERVICE_TOOLS = [
  'services.get-deployments',
  'services.get-environment-deployments',
  'jenkins.get-latest-build',
];

const exchanges: { request: unknown; response: unknown }[] = [];

/** A connected MCP client of one server, recording requests and replies. */
async function connect(url: string, token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      const text = await res.clone().text();
      const data = text.match(/^data: (.*)$/m)?.[1];
      exchanges.push({
        request: init?.body ? JSON.parse(String(init.body)) : null,
        response: data ? JSON.parse(data) : text || res.status,
      });
      return res;
    },
  });
  const client = new Client({ name: 'portal-e2e', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** The tool whose name ends in `.name` (tool names are namespaced by plugin id). */
async function toolNamed(client: Client, name: string) {
  const { tools } = await client.listTools();
  const tool = tools.find(t => t.name.endsWith(`.${name}`));
  if (!tool) throw new Error(`no tool ${name} in ${tools.map(t => t.name)}`);
  return tool.name;
}

/** Calls a tool; the parsed JSON output, or the error text. */
async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
) {
  const result = await client.callTool({
    name: await toolNamed(client, name),
    arguments: args,
  });
  const text =
    (result.content as { type: string; text: string }[])[0]?.text ?? '';
  if (result.isError) return { error: text };
  return { output: JSON.parse(text) };
}

async function rest(page: Page, token: string, url: string) {
  const res = await page.request.get(url, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status(), url).toBe(200);
  return res.json();
}

/**
 * Signs in as `username` and connects an MCP client of `url` with their
 * token. `get` reads the REST API as them; `ask` calls a tool and then reads
 * the REST API's answer to the same question.
 */
async function signInAgent(page: Page, username: string, url = MCP) {
  await signIn(page, username);
  const token = await backstageToken(page);
  const client = await connect(url, token);
  const get = (restUrl: string) => rest(page, token, restUrl);
  const ask = async (
    name: string,
    args: Record<string, unknown>,
    restUrl: string,
  ) => {
    const { output } = await call(client, name, args);
    return { output, api: await get(restUrl) };
  };
  return { client, get, ask };
}

test.describe.serial('MCP servers for AI agents', () => {
  test.setTimeout(300_000);
  const ownName = `mcp-${Math.random().toString(36).slice(2, 8)}`;

  test.afterAll(() => {
    fs.mkdirSync(path.dirname(TRANSCRIPT), { recursive: true });
    fs.writeFileSync(TRANSCRIPT, JSON.stringify(exchanges, null, 2));
  });

  test('anonymous calls are 401', async ({ request }) => {
    for (const url of [MCP, `${MCP}/read`, `${MCP}/operate`]) {
      const res = await request.post(url, {
        headers: { accept: 'application/json, text/event-stream' },
        data: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      });
      expect(res.status(), url).toBe(401);
    }
    await expect(connect(MCP, 'not-a-token')).rejects.toThrow(/401/);
  });

  test('the read-only servers have no write tool; operate has create, extend and destroy', async ({
    page,
  }) => {
    await signIn(page, 'minsu.park');
    const token = await backstageToken(page);
    for (const url of [MCP, `${MCP}/read`]) {
      const { tools } = await (await connect(url, token)).listTools();
      expect(tools.length, url).toBeGreaterThan(5);
      for (const name of SERVICE_TOOLS) {
        expect(
          tools.map(t => t.name),
          url,
        ).toContain(name);
      }
      for (const t of tools) {
        expect(t.annotations?.readOnlyHint, `${url} ${t.name}`).toBe(true);
        expect(WRITE_TOOLS.some(w => t.name.endsWith(`.${w}`))).toBe(false);
      }
      // Not even callable there.
      const client = await connect(url, token);
      const refused = await client
        .callTool({
          name: 'environments.extend-environment',
          arguments: { name: ownName, days: 3 },
        })
        .then(
          r => JSON.stringify(r),
          e => String(e),
        );
      expect(refused).toMatch(/not found|Unknown tool|not exist/i);
    }
    const operate = await connect(`${MCP}/operate`, token);
    const names = (await operate.listTools()).tools.map(t => t.name).sort();
    const { annotations } = test.info();
    annotations.push({
      type: 'operate tools',
      description: names.join(', '),
    });
    for (const w of WRITE_TOOLS)
      expect(names.some(n => n.endsWith(`.${w}`))).toBe(true);
    expect(names).not.toContain('scaffolder.execute-template');

    // Both servers are in the catalog, as APIs of type mcp-server.
    for (const [name, suffix] of [
      ['portal-mcp-read', '/read'],
      ['portal-mcp-operate', '/operate'],
    ]) {
      await expect(async () => {
        const api = await rest(
          page,
          token,
          `/api/catalog/entities/by-name/api/default/${name}`,
        );
        expect(api.spec.type).toBe('mcp-server');
        expect(api.spec.definition).toContain(`/api/mcp-actions/v1${suffix}`);
      }).toPass({ timeout: 60_000, intervals: [3_000] });
    }
  });

  test('cost and SLO figures equal the REST API and the page', async ({
    page,
  }) => {
    const { client, get, ask } = await signInAgent(page, 'minsu.park');
    const devASummary =
      '/api/cost-uptime/summary?tagKey=environment&tagValue=dev-a';
    // The first collection starts 15 s after the backend: wait for data.
    await expect(async () => {
      expect((await get(devASummary)).lastMonth).toBeGreaterThan(0);
    }).toPass({ timeout: 120_000, intervals: [3_000] });

    const { output: cost, api } = await ask(
      'get-cost-summary',
      { environment: 'dev-a' },
      devASummary,
    );
    expect(cost).toMatchObject({
      currency: api.currency,
      monthToDate: api.monthToDate,
      billedToDate: api.billedToDate,
      lastMonth: api.lastMonth,
      forecast: api.forecast,
    });

    const { output: slo, api: uptime } = await ask(
      'get-slo-status',
      { service: 'shop-backend', environment: 'dev-a' },
      '/api/cost-uptime/uptime?days=30&key=shop-backend',
    );
    const apiRow = uptime.rows.find(
      (r: { environment: string }) => r.environment === 'dev-a',
    );
    expect(slo.rows).toHaveLength(1);
    expect(slo.rows[0].availability).toBe(apiRow.availability);
    expect(slo.rows[0].errorBudgetRemaining).toBe(apiRow.errorBudgetRemaining);
    // The example Prometheus has shop-backend below its SLO in dev-a.
    expect(slo.rows[0].availability).toBeLessThan(slo.rows[0].sloTarget);

    // The cluster cost split equals the allocation API's and adds up.
    const { output: split, api: apiSplit } = await ask(
      'get-cost-allocation',
      { environment: 'dev-a' },
      '/api/cost-uptime/allocation?environment=dev-a',
    );
    expect(split).toEqual(apiSplit);
    const cents = (n: number) => Math.round(n * 100);
    const parts =
      split.services.reduce(
        (sum: number, s: { allocated: number }) => sum + cents(s.allocated),
        0,
      ) +
      cents(split.shared) +
      cents(split.idle);
    expect(Math.abs(parts - cents(split.billed))).toBeLessThanOrEqual(
      split.services.length + 2,
    );

    // The page's "This month so far" is the unfiltered month to date.
    const { output: total } = await call(client, 'get-cost-summary', {});
    await page.goto('/cost-uptime');
    const money = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: total.currency,
    }).format(total.monthToDate.amount);
    await expect(page.getByTestId('stat-month-to-date')).toContainText(money, {
      timeout: 30_000,
    });
  });

  test("a service's deployments and latest build equal the service page's cards", async ({
    page,
  }) => {
    const { client, ask } = await signInAgent(page, 'minsu.park');

    const { output: deployments } = await call(client, 'get-deployments', {
      service: 'shop-backend',
      environment: 'dev-a',
    });
    expect(deployments.service).toBe('component:default/shop-backend');
    expect(deployments.environments).toHaveLength(1);
    const [devA] = deployments.environments;
    // The example dev-a: synced, degraded by the crash-looping 2.3.0 rollout.
    expect(devA.argocd).toMatchObject({
      state: 'found',
      sync: 'Synced',
      health: 'Degraded',
    });
    expect(devA.version).toBe('2.3.0');
    // What runs in dev-a lists shop-backend with the same row.
    const { output: inDevA } = await call(
      client,
      'get-environment-deployments',
      { environment: 'dev-a' },
    );
    const shop = inDevA.services.find(
      (x: { service: string }) =>
        x.service === 'component:default/shop-backend',
    );
    expect(shop.deployment).toEqual(devA);
    expect(
      devA.pods.failing.map((p: { reason: string }) => p.reason),
    ).toContain('CrashLoopBackOff');

    // The Deployments card shows the same row.
    await page.goto('/catalog/default/component/shop-backend');
    const row = page
      .getByRole('table', { name: 'Deployments by environment' })
      .locator('tr[data-environment="dev-a"]');
    await expect(row).toContainText(devA.argocd.sync, { timeout: 30_000 });
    await expect(row).toContainText(devA.argocd.health);
    await expect(row).toContainText(devA.version);
    for (const p of devA.pods.failing)
      await expect(row).toContainText(`${p.pod}: ${p.reason}`);

    // Refused before it reaches a URL.
    for (const { label, value } of HOSTILE_INPUTS) {
      const r = await call(client, 'get-deployments', { service: value });
      expect(r.error, label).toMatch(/^InputError: /);
      const b = await call(client, 'get-latest-build', { service: value });
      expect(b.error, label).toMatch(/^InputError: /);
    }

    const { output: latest, api: jenkins } = await ask(
      'get-latest-build',
      { service: 'shop-backend' },
      '/api/jenkins/v1/entity/default/component/shop-backend/projects',
    );
    expect(latest.job).toBe('shop/shop-backend');
    expect(latest.build.number).toBe(jenkins.projects[0].lastBuild.number);
    expect(latest.build.url).toBe(jenkins.projects[0].lastBuild.url);
    expect(latest.build.log.lines.length).toBeGreaterThan(0);
    expect(latest.build.log.lines.length).toBeLessThanOrEqual(50);
    test.info().annotations.push({
      type: 'get-latest-build',
      description: `#${latest.build.number} ${
        latest.build.result
      }; last line: ${latest.build.log.lines.at(-1)}`,
    });
    // The CI/CD card of the page links the same build.
    const card = page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText('Latest Jenkins build', { exact: true }) })
      .first();
    await expect(
      card.getByRole('link', { name: /See more on Jenkins/ }),
    ).toHaveAttribute('href', latest.build.url);
  });

  test('a developer creates and extends an environment of their group, and is refused elsewhere', async ({
    page,
  }) => {
    const { client } = await signInAgent(page, 'minsu.park', `${MCP}/operate`);

    const { output: dry } = await call(client, 'dry-run-create-environment', {
      name: ownName,
      owner: 'developers',
    });
    expect(dry).toMatchObject({
      valid: true,
      request: { name: ownName, owner: 'group:default/developers' },
    });
    // The create form shows US$201.67 a month for the same default choices
    // (t3.large x 2, all add-ons): one estimate for both.
    expect(dry.estimate).toMatchObject({ total: 201.67, currency: 'USD' });
    const { output: created } = await call(client, 'create-environment', {
      name: ownName,
      owner: 'developers',
    });
    expect(created.taskId).toBeTruthy();

    // Extend once the template has committed the environment.
    let extended: { output?: { expiresAt: string }; error?: string } = {};
    await expect(async () => {
      extended = await call(client, 'extend-environment', {
        name: ownName,
        days: 14,
      });
      expect(extended.error).toBeUndefined();
    }).toPass({ timeout: 120_000, intervals: [3_000] });
    const days =
      (Date.parse(extended.output!.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThan(14.1);
    // The environment's history lists the extension, by this user.
    const { output: mine } = await call(client, 'get-environment', {
      name: ownName,
    });
    expect(mine.runs[0]).toMatchObject({
      operation: 'extend',
      requestedBy: 'user:default/minsu.park',
    });
    expect(mine.runs.map((r: { operation: string }) => r.operation)).toContain(
      'create',
    );

    // dev-a belongs to platform-admins.
    const notOwned = await call(client, 'extend-environment', {
      name: 'dev-a',
      days: 3,
    });
    expect(notOwned.error).toBe(
      'NotAllowedError: user:default/minsu.park may not change environment dev-a: only its owner group:default/platform-admins and platform admins may',
    );
    const destroyProd = await call(client, 'destroy-environment', {
      name: 'prod',
      confirmation: 'prod',
    });
    expect(destroyProd.error).toMatch(
      /^NotAllowedError: user:default\/minsu.park may not change environment prod/,
    );

    for (const { label, value } of HOSTILE_INPUTS) {
      const r = await call(client, 'extend-environment', {
        name: value,
        days: 3,
      });
      expect(r.error, label).toMatch(/^InputError: /);
      const c = await call(client, 'dry-run-create-environment', {
        name: value,
        owner: 'developers',
      });
      expect(c.error, label).toMatch(/^InputError: /);
    }
  });

  test('a platform admin cannot destroy prod through the tool either', async ({
    page,
  }) => {
    const { client } = await signInAgent(page, 'jiyoung.kim', `${MCP}/operate`);
    const r = await call(client, 'destroy-environment', {
      name: 'prod',
      confirmation: 'prod',
    });
    expect(r.error).toMatch(
      /^NotAllowedError: prod is a production environment/,
    );
    const { output } = await call(client, 'get-environment', { name: 'prod' });
    expect(output.state).not.toBe('destroying');
  });
});
