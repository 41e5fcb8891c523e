import fs from 'node:fs';
import { createRenderEnvironmentAction } from '.';
import {
  GOOD_REQUEST,
  ORG,
  actionContext,
  createService,
  gitLog,
  platformConfig,
  useIacRemote,
} from '@internal/plugin-environments-node/testUtils';

jest.setTimeout(120_000);

const admin = 'user:default/jiyoung.kim';

/**
 * Hostile and broken requests: each is refused by the render step (the
 * first step of the create template) with a message naming the problem, and
 * nothing reaches the IaC repository or Jenkins.
 */
const CASES: [string, Record<string, unknown>, RegExp, string?][] = [
  // names: shell metacharacters
  ['shell ;', { name: 'dev;rm -rf /' }, /must be a DNS label/],
  ['shell $()', { name: '$(reboot)' }, /must be a DNS label/],
  ['shell backticks', { name: '`id`' }, /must be a DNS label/],
  ['shell pipe', { name: 'a|b' }, /must be a DNS label/],
  ['shell &&', { name: 'a&&b' }, /must be a DNS label/],
  ['shell redirect', { name: 'a>b' }, /must be a DNS label/],
  ['shell quote', { name: "a'b" }, /must be a DNS label/],
  ['shell double quote', { name: 'a"b' }, /must be a DNS label/],
  ['shell glob', { name: 'dev-*' }, /must be a DNS label/],
  ['shell variable', { name: '${HOME}' }, /must be a DNS label/],
  ['space', { name: 'dev a' }, /must be a DNS label/],
  ['tab', { name: 'dev\ta' }, /outside a-z/],
  // names: HCL and template metacharacters
  [
    'HCL interpolation',
    { name: '${file("/etc/passwd")}' },
    /(must be a DNS label|at most 20)/,
  ],
  ['HCL directive', { name: '%{if true}x' }, /must be a DNS label/],
  ['HCL brace', { name: 'a}b' }, /must be a DNS label/],
  ['HCL comment', { name: 'a#b' }, /must be a DNS label/],
  ['HCL assignment', { name: 'a=b' }, /must be a DNS label/],
  ['Jinja', { name: '{{x}}' }, /must be a DNS label/],
  // names: paths
  ['parent dir', { name: '../etc' }, /must be a DNS label/],
  ['dot dot', { name: '..' }, /must be a DNS label/],
  ['slash', { name: 'a/b' }, /must be a DNS label/],
  ['backslash', { name: 'a\\b' }, /must be a DNS label/],
  ['absolute', { name: '/tmp/x' }, /must be a DNS label/],
  ['dot', { name: 'a.b' }, /must be a DNS label/],
  // names: newlines and control characters
  [
    'newline',
    { name: 'dev\nACTION=destroy' },
    /"dev\\nACTION=destroy" contains characters outside a-z/,
  ],
  ['carriage return', { name: 'dev\r' }, /outside a-z/],
  ['NUL', { name: 'dev\u0000a' }, /outside a-z/],
  ['escape', { name: 'dev\u001b[31m' }, /outside a-z/],
  // names: unicode look-alikes
  ['Cyrillic a', { name: 'dev-\u0430' }, /outside a-z/],
  ['Greek o', { name: 'pr\u03bfd' }, /outside a-z/],
  ['fullwidth', { name: '\uff44\uff45\uff56' }, /outside a-z/],
  ['zero-width space', { name: 'dev\u200ba' }, /outside a-z/],
  ['non-breaking hyphen', { name: 'dev\u2011a' }, /outside a-z/],
  ['RTL override', { name: 'dev\u202ea' }, /outside a-z/],
  ['emoji', { name: 'dev-\u{1F680}' }, /outside a-z/],
  // names: shape
  ['empty', { name: '' }, /name is required/],
  ['missing', { name: undefined }, /name is required/],
  ['number', { name: 42 }, /name is required/],
  ['array', { name: ['dev'] }, /name is required/],
  ['21 characters', { name: 'a'.repeat(21) }, /21 characters long; at most 20/],
  ['very long', { name: 'a'.repeat(5000) }, /5000 characters long/],
  ['uppercase', { name: 'Dev' }, /must be a DNS label/],
  ['leading digit', { name: '1dev' }, /must be a DNS label/],
  ['leading hyphen', { name: '-dev' }, /must be a DNS label/],
  ['trailing hyphen', { name: 'dev-' }, /must be a DNS label/],
  ['underscore', { name: 'dev_a' }, /must be a DNS label/],
  // duplicates
  [
    'duplicate in catalog',
    { name: 'taken-env' },
    /named "taken-env" already exists/,
  ],
  [
    'duplicate in IaC repo',
    { name: 'seeded' },
    /named "seeded" already exists/,
  ],
  [
    'duplicate of another Resource',
    { name: 'shop-db' },
    /named "shop-db" already exists/,
  ],
  // who may ask for what
  [
    'prod by a developer',
    { purpose: 'prod' },
    /only platform admins may create prod environments/,
  ],
  [
    'owner group not mine',
    { owner: 'group:default/data' },
    /not a member of group:default\/data/,
  ],
  [
    'owner is a user',
    { owner: 'user:default/minsu.park' },
    /must be a group reference/,
  ],
  [
    'owner unknown',
    { owner: 'group:default/ghosts' },
    /does not exist in the catalog/,
    admin,
  ],
  [
    'owner injection',
    { owner: 'group:default/dev";rm' },
    /(must be a group reference|does not exist)/,
    admin,
  ],
  // other parameters
  [
    'purpose unknown',
    { purpose: 'qa' },
    /purpose "qa" is not one of dev, test, staging, prod/,
  ],
  ['purpose case', { purpose: 'PROD' }, /purpose "PROD" is not one of/],
  [
    'region injection',
    { region: 'ap-northeast-2"; rm -rf /' },
    /region .* is not one of/,
  ],
  ['region unknown', { region: 'mars-1' }, /region "mars-1" is not one of/],
  [
    'Kubernetes version',
    { kubernetesVersion: '1.20' },
    /Kubernetes version "1.20" is not one of/,
  ],
  [
    'Kubernetes HCL',
    { kubernetesVersion: '${var.x}' },
    /Kubernetes version .* is not one of/,
  ],
  [
    'instance type',
    { instanceType: 'p5.48xlarge' },
    /node instance type "p5.48xlarge" is not one of/,
  ],
  [
    'nodes as text',
    { minNodes: '1; drop' },
    /minNodes .* must be a whole number from 1 to 20/,
  ],
  ['nodes zero', { minNodes: 0 }, /minNodes 0 must be a whole number/],
  [
    'nodes fraction',
    { desiredNodes: 1.5 },
    /desiredNodes 1.5 must be a whole number/,
  ],
  [
    'nodes too many',
    { maxNodes: 500 },
    /maxNodes 500 must be a whole number from 1 to 20/,
  ],
  ['nodes negative', { maxNodes: -1 }, /maxNodes -1 must be/],
  [
    'nodes order',
    { minNodes: 3, desiredNodes: 2, maxNodes: 4 },
    /min \(3\) <= desired \(2\) <= max \(4\)/,
  ],
  ['add-on unknown', { addOns: ['istio'] }, /add-on "istio" is not one of/],
  [
    'add-on not a list',
    { addOns: 'monitoring' },
    /add-ons "monitoring" must be a list/,
  ],
  [
    'add-on twice',
    { addOns: ['monitoring', 'monitoring'] },
    /add-ons are listed twice/,
  ],
  [
    'add-on injection',
    { addOns: ['monitoring\n- evil'] },
    /add-on .* is not one of/,
  ],
  [
    'ttl zero',
    { ttlDays: 0 },
    /time-to-live \(days\) 0 must be a whole number from 1 to 90/,
  ],
  ['ttl too long', { ttlDays: 365 }, /time-to-live \(days\) 365/],
  ['ttl text', { ttlDays: '7 days' }, /time-to-live \(days\) "7 days"/],
  [
    'dev ttl past its maximum',
    { ttlDays: 45 },
    /dev environments live at most 30 days; asked for 45/,
  ],
  [
    'test ttl past its maximum',
    { purpose: 'test', ttlDays: 15 },
    /test environments live at most 14 days; asked for 15/,
  ],
];

describe('bad input to the create path', () => {
  const remote = useIacRemote({
    scope: 'all',
    // An environment already in the repository (not yet in the catalog).
    seed: { 'environments/seeded/catalog-info.yaml': 'kind: Resource\n' },
  });
  it('has at least 50 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  // A rest parameter: with four named ones Jest would pass a done callback
  // to the rows without a user.
  it.each(CASES)('refuses %s', async (...row) => {
    const [, change, message, user] = row;
    const { service } = createService(
      platformConfig(remote.bare, remote.jenkins.url),
      [
        ...ORG,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'taken-env', namespace: 'default' },
          spec: { type: 'environment', owner: 'group:default/developers' },
        },
      ],
    );
    const { ctx } = actionContext({ ...GOOD_REQUEST, ...change }, { user });
    const refusal = createRenderEnvironmentAction(service).handler(ctx);
    await expect(refusal).rejects.toThrow(/^Environment request refused: /);
    await expect(refusal).rejects.toThrow(message);
    await expect(refusal).rejects.toMatchObject({ name: 'InputError' });
    // Nothing rendered either.
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
  });

  it('committed nothing and triggered nothing', async () => {
    expect(gitLog(remote.bare)).toEqual(remote.seededLog);
    expect(await remote.jenkins.builds()).toEqual({ queue: [], builds: [] });
  });

  it('lets an admin create prod, and a good request through', async () => {
    const { service } = createService(
      platformConfig(remote.bare, remote.jenkins.url),
    );
    const prod = actionContext(
      { ...GOOD_REQUEST, name: 'prod-a', purpose: 'prod', ttlDays: undefined },
      { user: admin },
    );
    await createRenderEnvironmentAction(service).handler(prod.ctx);
    expect(prod.outputs.expiresAt).toBeUndefined();
    const dev = actionContext({ ...GOOD_REQUEST, ttlDays: undefined });
    await createRenderEnvironmentAction(service).handler(dev.ctx);
    // dev defaults to 7 days, test to 3 (platform.environments.ttl).
    const devLeft = Date.parse(dev.outputs.expiresAt as string) - Date.now();
    expect(devLeft).toBeGreaterThan(6.9 * 86400_000);
    expect(devLeft).toBeLessThanOrEqual(7 * 86400_000);
    const test = actionContext({
      ...GOOD_REQUEST,
      name: 'test-a',
      purpose: 'test',
      ttlDays: undefined,
    });
    await createRenderEnvironmentAction(service).handler(test.ctx);
    const testLeft = Date.parse(test.outputs.expiresAt as string) - Date.now();
    expect(testLeft).toBeGreaterThan(2.9 * 86400_000);
    expect(testLeft).toBeLessThanOrEqual(3 * 86400_000);
  });
});
