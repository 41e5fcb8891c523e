/*
 * The example environments' provisioning against the Jenkins stand-in and
 * the plugin's real store: each gets a recorded create run with its build.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  IacRepository,
  JenkinsClient,
} from '@internal/plugin-environments-node';
import {
  createBareRepo,
  gitFiles,
  gitLog,
  platformConfig,
  startJenkins,
} from '@internal/plugin-environments-node/testUtils';
import { DatabaseEnvironmentStore } from '../database/DatabaseEnvironmentStore';
import { StoreRunRecorder } from '../database/StoreRunRecorder';
import {
  ExampleEnvironments,
  readExampleEnvironments,
} from './ExampleEnvironments';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = new Date('2026-11-25T09:00:00Z');

describe('ExampleEnvironments', () => {
  let jenkins: Awaited<ReturnType<typeof startJenkins>>;
  let store: DatabaseEnvironmentStore;
  let bare: string;

  beforeEach(async () => {
    bare = createBareRepo();
    jenkins = await startJenkins();
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseEnvironmentStore.create(
      mockServices.database.mock({ getClient: async () => knex }),
    );
  });
  afterEach(() => jenkins.stop());

  function examples(names: string[]) {
    const config = platformConfig(bare, jenkins.url);
    return new ExampleEnvironments({
      names,
      service: {
        jenkins: new JenkinsClient(config.jenkins, { pollMs: 10 }),
        repo: new IacRepository(config.iac),
      },
      store,
      recorder: new StoreRunRecorder(store, () => T0),
      logger: mockServices.logger.mock(),
    });
  }

  it('reads the names from platform.environments.examples, none by default', () => {
    expect(
      readExampleEnvironments(
        new ConfigReader({
          platform: { environments: { examples: ['dev-a', 'prod'] } },
        }),
      ),
    ).toEqual(['dev-a', 'prod']);
    expect(readExampleEnvironments(new ConfigReader({}))).toEqual([]);
  });

  it('provisions each example through the pipeline and records the run, once', async () => {
    await examples(['dev-a', 'prod']).provisionAll();

    const devA = await store.get('dev-a');
    expect(devA.state).toBe('ready');
    expect(devA.runs).toHaveLength(1);
    expect(devA.runs[0]).toMatchObject({
      operation: 'create',
      requestedBy: 'examples',
      requestedAt: T0.toISOString(),
      result: 'SUCCESS',
      build: {
        number: expect.any(Number),
        url: expect.stringContaining('/job/platform/job/environment/'),
      },
    });
    expect((await store.get('prod')).state).toBe('ready');
    const builds = (await jenkins.builds()).builds;
    expect(
      builds.map(b => [b.parameters.ENV_NAME, b.parameters.ACTION, b.result]),
    ).toEqual([
      ['dev-a', 'apply', 'SUCCESS'],
      ['prod', 'apply', 'SUCCESS'],
    ]);

    // A restart: history is there, nothing runs again.
    expect(await examples(['dev-a']).provision('dev-a')).toBe('skipped');
    expect((await jenkins.builds()).builds).toHaveLength(2);
    expect((await store.get('dev-a')).runs).toHaveLength(1);
  });

  it('records a failed pipeline as a failed environment and goes on with the next', async () => {
    // The stand-in fails environments named fail-*.
    await examples(['fail-example', 'dev-a']).provisionAll();
    const failed = await store.get('fail-example');
    expect(failed.state).toBe('failed');
    expect(failed.runs[0].result).toBe('FAILURE');
    expect((await store.get('dev-a')).state).toBe('ready');
  });

  it('closes the run when Jenkins cannot be reached', async () => {
    await jenkins.stop();
    await expect(examples(['dev-a']).provision('dev-a')).rejects.toThrow();
    const devA = await store.get('dev-a');
    expect(devA.state).toBe('failed');
    expect(devA.runs[0]).toMatchObject({ result: 'FAILURE' });
    jenkins = await startJenkins();
  });

  it("commits each example's Terraform and Ansible variables once, and no catalog file", async () => {
    await examples(['dev-a']).provisionAll();
    expect(gitFiles(bare)).toEqual([
      'environments/dev-a/ansible-vars.yaml',
      'environments/dev-a/terraform.tfvars.json',
    ]);
    const log = gitLog(bare);
    expect(log).toEqual(['dev-a: variables of the example environment']);
    // A second start: the variables are there, nothing new is committed.
    await examples(['dev-a']).provisionAll();
    expect(gitLog(bare)).toEqual(log);
  });
});
