// node --test: the configuration production runs with (app-config.yaml with
// app-config.production.yaml on top, exactly as the Dockerfile and the Helm
// chart pass them) keeps nothing of the local setup: no stand-in URL, no
// sandbox credential, no local path. app-config.yaml is written for
// `./portal start`, so every section it has that reaches an outside system
// must be overridden in production; this test finds the one that is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@backstage/config-loader';
import { ConfigReader } from '@backstage/config';
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

async function productionConfig(
  files = ['app-config.yaml', 'app-config.production.yaml'],
) {
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: files.map(file => ({ path: path.join(root, file) })),
    // Every ${VAR} resolves to a recognisable production value.
    experimentalEnvFunc: async name => `prod-${name}`,
  });
  return ConfigReader.fromConfigs(appConfigs).get();
}

/** Every leaf of a config object with its dotted path. */
function* leaves(value, at = '') {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* leaves(item, `${at}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      yield* leaves(item, at ? `${at}.${key}` : key);
  } else {
    yield [at, value];
  }
}

// What only the local setup uses: stand-in hosts, sandbox credentials, the
// local data directory and the example Prometheus servers.
const LOCAL_ONLY = [
  /localhost/,
  /127\.0\.0\.1/,
  /sandbox/i,
  /\.data\//,
  /example-password/,
];

test('production config reaches no stand-in and holds no sandbox credential', async () => {
  const config = await productionConfig();
  const leaks = [...leaves(config)]
    .filter(
      ([, value]) =>
        typeof value === 'string' && LOCAL_ONLY.some(p => p.test(value)),
    )
    .map(([at, value]) => `${at} = ${value}`);
  assert.deepEqual(
    leaks,
    [],
    `local values left in production:\n${leaks.join('\n')}`,
  );
});

test('the outside systems production talks to come from its environment', async () => {
  const config = new ConfigReader(await productionConfig());
  // One per outside system: the environment pipeline's Jenkins and IaC repo,
  // the application Jenkins, Slack, Kakao, the database.
  for (const key of [
    'platform.jenkins.baseUrl',
    'platform.jenkins.apiToken',
    'platform.iac.url',
    'jenkins.baseUrl',
    'alerts.slack.token',
    'backend.database.connection.password',
  ]) {
    assert.match(
      config.getString(key),
      /^prod-[A-Z0-9_]+$/,
      `${key} comes from the environment`,
    );
  }
});

test('locally the backend listens on 127.0.0.1 only; in production on every interface of its pod', async () => {
  const listen = async files =>
    readHttpServerOptions(
      new ConfigReader(await productionConfig(files)).getConfig('backend'),
    ).listen;
  assert.deepEqual(await listen(['app-config.yaml']), {
    host: '127.0.0.1',
    port: 7007,
  });
  const e2e = new ConfigReader(
    await productionConfig(['app-config.yaml', 'app-config.e2e.yaml']),
  );
  assert.equal(e2e.getString('backend.listen.host'), '127.0.0.1');
  assert.deepEqual(
    await listen(['app-config.yaml', 'app-config.production.yaml']),
    { host: '', port: 7007 },
  );
});
