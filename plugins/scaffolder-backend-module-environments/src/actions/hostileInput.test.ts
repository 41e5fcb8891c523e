/*
 * The shared hostile list against every place the environment actions turn
 * input into an IaC repository path, a git ref, a Jenkins build parameter or
 * a catalog name: each is refused with an InputError, nothing is committed
 * and no build is triggered.
 */
import { HOSTILE_INPUTS, hostileCases } from '@internal/sandbox';
import {
  createAuthorizeEnvironmentChangeAction,
  createEnvironmentPipelineAction,
  createPublishEnvironmentAction,
  createRegisterEnvironmentAction,
  createRemoveEnvironmentAction,
} from '.';
import {
  ORG,
  actionContext,
  createService,
  gitFiles,
  gitLog,
  platformConfig,
  useIacRemote,
} from '@internal/plugin-environments-node/testUtils';
import {
  environmentFileProblems,
  gitRefProblems,
  nameProblems,
} from '@internal/plugin-environments-node';

jest.setTimeout(120_000);

const cases = hostileCases(HOSTILE_INPUTS);

const DEV_A = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dev-a', namespace: 'default' },
  spec: { type: 'environment', owner: 'group:default/developers' },
};

describe('hostile input to the environment actions', () => {
  const remote = useIacRemote({
    scope: 'all',
    seed: {
      'environments/dev-a/catalog-info.yaml': 'kind: Resource\n',
      'environments/seeded/catalog-info.yaml': 'kind: Resource\n',
    },
  });
  const service = () =>
    createService(platformConfig(remote.bare, remote.jenkins.url), [
      ...ORG,
      DEV_A,
    ]).service;

  it('accepts the legitimate values', () => {
    expect(nameProblems('dev-a')).toEqual([]);
    expect(gitRefProblems('main', 'main')).toEqual([]);
    expect(gitRefProblems('0123abcd', 'main')).toEqual([]);
    expect(
      environmentFileProblems('dev-a', 'environments/dev-a/catalog-info.yaml'),
    ).toEqual([]);
    expect(
      environmentFileProblems('dev-a', 'environments/dev-a/notes/.keep'),
    ).toEqual([]);
  });

  it.each(cases)(
    'refuses %s as a name, a git ref and a file of an environment',
    (_label, value) => {
      expect(nameProblems(value)).not.toEqual([]);
      expect(gitRefProblems(value, 'main')).not.toEqual([]);
      expect(
        environmentFileProblems('dev-a', `environments/dev-a/${value}`),
      ).not.toEqual([]);
      expect(
        environmentFileProblems('dev-a', `environments/dev-a/${value}/x.yaml`),
      ).not.toEqual([]);
      expect(
        environmentFileProblems(
          value,
          `environments/${value}/catalog-info.yaml`,
        ),
      ).not.toEqual([]);
      expect(() => service().nameOf(value)).toThrow();
      expect(() => service().nameOf(`resource:default/${value}`)).toThrow();
    },
  );

  it.each(cases)(
    'commitFiles refuses %s in a file path and commits nothing',
    async (_label, value) => {
      const refusal = service().commitFiles(
        'dev-a',
        { [`environments/dev-a/${value}`]: 'x' },
        'hostile',
      );
      await expect(refusal).rejects.toMatchObject({ name: 'InputError' });
    },
  );

  it('commitFiles refuses a path that climbs into another environment', async () => {
    const refusal = service().commitFiles(
      'dev-a',
      { 'environments/dev-a/../seeded/catalog-info.yaml': 'kind: Hijacked\n' },
      'hostile',
    );
    await expect(refusal).rejects.toThrow(
      /is not a plain file path inside environments\/dev-a\//,
    );
    expect(gitLog(remote.bare)).toEqual(remote.seededLog);
  });

  // An empty gitRef means the branch, which is allowed.
  it.each(cases.filter(([, value]) => value !== ''))(
    'the pipeline refuses %s as gitRef and triggers nothing',
    async (_label, value) => {
      const { ctx } = actionContext({
        name: 'dev-a',
        action: 'apply',
        gitRef: value,
      });
      const refusal = createEnvironmentPipelineAction(service()).handler(ctx);
      await expect(refusal).rejects.toThrow(/must be a commit id or main/);
      await expect(refusal).rejects.toMatchObject({ name: 'InputError' });
    },
  );

  it.each(cases)(
    'every action refuses %s as the environment',
    async (_label, value) => {
      const s = service();
      const runs = [
        createEnvironmentPipelineAction(s).handler(
          actionContext({ name: value, action: 'destroy' }).ctx,
        ),
        createAuthorizeEnvironmentChangeAction(s).handler(
          actionContext({ environment: value }).ctx,
        ),
        createRemoveEnvironmentAction(s).handler(
          actionContext({ name: value }).ctx,
        ),
        createRegisterEnvironmentAction(s).handler(
          actionContext({ name: value }).ctx,
        ),
        createPublishEnvironmentAction(s).handler(
          actionContext({ name: value }).ctx,
        ),
      ];
      for (const run of runs)
        await expect(run).rejects.toMatchObject({ name: 'InputError' });
    },
  );

  it('committed nothing and triggered nothing', async () => {
    expect(gitLog(remote.bare)).toEqual(remote.seededLog);
    expect(gitFiles(remote.bare).sort()).toEqual([
      'environments/dev-a/catalog-info.yaml',
      'environments/seeded/catalog-info.yaml',
    ]);
    expect(await remote.jenkins.builds()).toEqual({ queue: [], builds: [] });
  });
});
