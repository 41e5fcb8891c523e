// node --test: what the backend's log redactor hides. It replaces every value
// whose config schema says `@visibility secret`, wherever it appears in a log
// line, so a user name marked secret (the local Argo CD user is `admin`)
// turns every "admin" in the log into ***. User names are not secrets;
// passwords and tokens are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@backstage/config-loader';
import { ConfigReader } from '@backstage/config';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => logger,
};

async function redactedValues(files) {
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: files.map(file => ({ path: path.join(root, file) })),
    experimentalEnvFunc: async name => `prod-${name}`,
  });
  const enumerate = await createConfigSecretEnumerator({ logger, dir: root });
  return new Set(enumerate(ConfigReader.fromConfigs(appConfigs)));
}

test('locally: passwords and tokens are redacted, user names are not', async () => {
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: [{ path: path.join(root, 'app-config.yaml') }],
  });
  const config = ConfigReader.fromConfigs(appConfigs);
  const secrets = await redactedValues(['app-config.yaml']);
  const instance = config
    .getConfigArray('argocd.appLocatorMethods')[0]
    .getConfigArray('instances')[0];
  assert.equal(instance.getString('username'), 'admin');
  assert.ok(!secrets.has('admin'), 'the Argo CD user name is not redacted');
  assert.ok(
    !secrets.has(config.getString('jenkins.username')),
    'the Jenkins user name is not redacted',
  );
  assert.ok(
    secrets.has(instance.getString('password')),
    'the Argo CD password is redacted',
  );
  assert.ok(
    secrets.has(config.getString('jenkins.apiKey')),
    'the Jenkins API key is redacted',
  );
  assert.ok(
    secrets.has(config.getString('platform.jenkins.apiToken')),
    'the pipeline Jenkins token is redacted',
  );
});

test('in production: the passwords and tokens from the environment are redacted', async () => {
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: ['app-config.yaml', 'app-config.production.yaml'].map(f => ({
      path: path.join(root, f),
    })),
    experimentalEnvFunc: async name => `prod-${name}`,
  });
  const config = ConfigReader.fromConfigs(appConfigs);
  const secrets = await redactedValues([
    'app-config.yaml',
    'app-config.production.yaml',
  ]);
  for (const key of [
    'platform.jenkins.apiToken',
    'alerts.slack.token',
    'backend.database.connection.password',
  ]) {
    assert.ok(secrets.has(config.getString(key)), `${key} is redacted`);
  }
  assert.ok(
    !secrets.has(config.getString('platform.jenkins.username')),
    'platform.jenkins.username is not redacted',
  );
});
