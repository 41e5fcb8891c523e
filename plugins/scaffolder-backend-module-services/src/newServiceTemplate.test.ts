/*
 * The new-service template's output, checked for real: the template's
 * skeletons are rendered with the scaffolder's own fetch:template action,
 * published with services:git:publish into bare repositories in a temp
 * directory, then cloned back and checked: the skeleton's own tests pass,
 * the manifests are valid Kubernetes objects, the Argo CD Applications point
 * at them, the Jenkinsfile names what the pipeline expects, and its tag bump
 * script moves the image in the manifest repository.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { createGitPublishAction } from './actions/publish';
import { GitPublisher } from './GitPublisher';
import { git } from './__testUtils__/git';

const TEMPLATE_DIR = path.resolve(__dirname, '../../../templates/new-service');
const REPO_ROOT = path.resolve(TEMPLATE_DIR, '../..');
const template = parseYaml(
  fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
);

/**
 * Validates objects with kubernetes-models (`new Deployment(obj).validate()`);
 * the package is ESM-only, so in a Node process of its own.
 */
function validateKubernetes(objects: unknown[]): string {
  const script = `
    import { Deployment } from 'kubernetes-models/apps/v1';
    import { Service } from 'kubernetes-models/v1';
    import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
    import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
    const models = { Deployment, Service, Ingress, HorizontalPodAutoscaler };
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    for (const object of JSON.parse(input)) {
      const Model = models[object.kind];
      if (!Model) throw new Error('no model for ' + object.kind);
      new Model(object).validate();
      console.log('valid ' + object.kind + ' ' + object.metadata.name);
    }`;
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script],
    {
      cwd: REPO_ROOT,
      input: JSON.stringify(objects),
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

// Each case publishes a generated repository through real git; on a loaded
// two-core machine that takes longer than Jest's 5 s default.
jest.setTimeout(60_000);

describe('templates/new-service', () => {
  let root: string;
  let config: ConfigReader;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsvc-test-'));
    config = new ConfigReader({
      app: { baseUrl: 'http://portal.test' },
      newService: {
        git: {
          appsBaseUrl: path.join(root, 'remotes/apps'),
          manifestsUrl: path.join(root, 'remotes/manifests.git'),
        },
        ecr: {
          registry: '111.dkr.ecr.ap-northeast-2.amazonaws.com',
          region: 'ap-northeast-2',
        },
        ingress: { domain: 'apps.example.com' },
        jenkins: { folder: 'services' },
      },
    });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const fetchTemplate = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });

  /** Runs the template's fetch steps as the template does, for one service. */
  async function render(
    workspacePath: string,
    name: string,
    kind: string,
    environments: string[],
  ) {
    const plan = {
      image: `111.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
      manifestsRepoUrl: pathToFileURL(path.join(root, 'remotes/manifests.git'))
        .href,
    };
    const appValues = {
      name,
      description: 'Orders: "quoted" description',
      owner: 'group:default/developers',
      kindTitle: kind,
      componentType: kind === 'react-frontend' ? 'website' : 'service',
      tags:
        kind === 'react-frontend' ? 'react, javascript' : 'nodejs, javascript',
      deployEnvironments: environments.join(','),
      image: plan.image,
      awsRegion: 'ap-northeast-2',
      ecrRegistry: '111.dkr.ecr.ap-northeast-2.amazonaws.com',
      manifestsRepoUrl: plan.manifestsRepoUrl,
      manifestsCredentialsId: 'manifest-repo-git',
      branch: 'main',
      portalUrl: 'http://portal.test',
      jenkinsJob: `services/${name}`,
      sourceLocation: `url:${pathToFileURL(
        path.join(root, 'remotes/apps'),
      )}/${name}.git/-/tree/main/`,
    };
    const base = {
      workspacePath,
      templateInfo: {
        baseUrl: pathToFileURL(path.join(TEMPLATE_DIR, 'template.yaml')).href,
        entityRef: 'template:default/new-service',
      },
    };
    await fetchTemplate.handler(
      createMockActionContext({
        ...base,
        input: {
          url: `./skeletons/${kind}`,
          targetPath: 'app',
          values: appValues,
        },
      }) as any,
    );
    await fetchTemplate.handler(
      createMockActionContext({
        ...base,
        input: {
          url: './skeletons/common',
          targetPath: 'app',
          copyWithoutTemplating: ['infra/**'],
          values: appValues,
        },
      }) as any,
    );
    for (const environment of environments) {
      await fetchTemplate.handler(
        createMockActionContext({
          ...base,
          input: {
            url: './manifests/app',
            targetPath: `manifests/apps/${name}/${environment}`,
            values: {
              name,
              namespace: name,
              environment,
              image: plan.image,
              host: `${name}.${environment}.apps.example.com`,
              albGroup: 'services',
              minReplicas: environment === 'prod' ? 2 : 1,
              maxReplicas: environment === 'prod' ? 10 : 3,
            },
          },
        }) as any,
      );
      await fetchTemplate.handler(
        createMockActionContext({
          ...base,
          input: {
            url: './manifests/argocd',
            targetPath: `manifests/argocd/${environment}`,
            values: {
              name,
              namespace: name,
              environment,
              manifestsRepoUrl: plan.manifestsRepoUrl,
              branch: 'main',
            },
          },
        }) as any,
      );
    }
  }

  async function publish(name: string, kind: string, environments: string[]) {
    const workspacePath = fs.mkdtempSync(path.join(root, 'ws-'));
    await render(workspacePath, name, kind, environments);
    const ctx = createMockActionContext({
      workspacePath,
      input: { name, appPath: 'app', manifestsPath: 'manifests' },
    });
    await createGitPublishAction({ config }).handler(ctx as any);
    return ctx;
  }

  const clone = (repo: string) => {
    const dir = fs.mkdtempSync(path.join(root, 'clone-'));
    git(['clone', '-q', repo, dir]);
    return dir;
  };

  it('uses the skeletons and actions this test renders', () => {
    const actions = template.spec.steps.map((s: any) => s.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'services:plan',
        'fetch:template',
        'services:git:publish',
        'publish:github',
        'services:catalog:register',
      ]),
    );
    expect(template.spec.parameters[0].properties.kind.enum.sort()).toEqual(
      fs
        .readdirSync(path.join(TEMPLATE_DIR, 'skeletons'))
        .filter(d => d !== 'common')
        .sort(),
    );
  });

  it('ships the same notify-portal.sh as infra/jenkins', () => {
    expect(
      fs.readFileSync(
        path.join(
          TEMPLATE_DIR,
          'skeletons/common/infra/jenkins/notify-portal.sh',
        ),
        'utf8',
      ),
    ).toBe(
      fs.readFileSync(
        path.join(REPO_ROOT, 'infra/jenkins/notify-portal.sh'),
        'utf8',
      ),
    );
  });

  it.each(['node-backend', 'react-frontend'])(
    'publishes a %s whose output is valid',
    async kind => {
      const name = `orders-${kind.split('-')[0]}`;
      const ctx = await publish(name, kind, ['dev-a', 'prod']);
      expect(ctx.output).toHaveBeenCalledWith(
        'remoteUrl',
        expect.stringMatching(new RegExp(`/remotes/apps/${name}\\.git$`)),
      );

      // The application repository: its own tests pass.
      const app = clone(path.join(root, 'remotes/apps', `${name}.git`));
      const tests = spawnSync(process.execPath, ['--test'], {
        cwd: app,
        encoding: 'utf8',
      });
      expect(tests.stdout).toMatch(/ℹ pass [1-9]/);
      expect(tests.stdout).toMatch(/ℹ fail 0/);
      expect(tests.status).toBe(0);
      const dockerfile = fs.readFileSync(path.join(app, 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^USER (node|101)$/m);
      expect(dockerfile).toMatch(/HEALTHCHECK .*\n.*\/healthz/);
      const healthz = kind === 'react-frontend' ? 'nginx.conf' : 'src/app.js';
      expect(fs.readFileSync(path.join(app, healthz), 'utf8')).toMatch(
        /\/healthz/,
      );

      // The catalog entry has every annotation.
      const entity = parseYaml(
        fs.readFileSync(path.join(app, 'catalog-info.yaml'), 'utf8'),
      );
      expect(entity.metadata.name).toBe(name);
      expect(entity.metadata.description).toBe('Orders: "quoted" description');
      expect(entity.metadata.annotations).toEqual({
        'backstage.io/kubernetes-id': name,
        'argocd/app-name': name,
        'jenkins.io/job-full-name': `services/${name}`,
        'backstage.io/source-location': expect.stringMatching(
          new RegExp(`^url:file://.*/${name}\\.git/-/tree/main/$`),
        ),
      });
      expect(entity.spec.owner).toBe('group:default/developers');

      // The Jenkinsfile: the parameters, environment and credentials the pipeline expects.
      const jenkinsfile = fs.readFileSync(
        path.join(app, 'Jenkinsfile'),
        'utf8',
      );
      for (const stage of [
        'Test',
        'Build image',
        'Push to ECR',
        'Bump image tag',
      ]) {
        expect(jenkinsfile).toContain(`stage('${stage}')`);
      }
      expect(jenkinsfile).toContain("string(name: 'IMAGE_TAG'");
      expect(jenkinsfile).toContain(
        "string(name: 'DEPLOY_ENVIRONMENTS', defaultValue: 'dev-a,prod'",
      );
      for (const env of [
        'SERVICE_NAME',
        'AWS_REGION',
        'ECR_REGISTRY',
        'IMAGE_REPOSITORY',
        'MANIFEST_REPO_URL',
        'MANIFEST_BRANCH',
        'PORTAL_URL',
        'PORTAL_ENTITY_REF',
      ]) {
        expect(jenkinsfile).toMatch(new RegExp(`^\\s+${env} = '[^']+'$`, 'm'));
      }
      expect(jenkinsfile).toContain(`SERVICE_NAME = '${name}'`);
      expect(jenkinsfile).toContain("credentialsId: 'manifest-repo-git'");
      expect(jenkinsfile).toContain(
        "credentialsId: 'portal-webhook-secret', variable: 'PORTAL_WEBHOOK_SECRET'",
      );
      expect(jenkinsfile).toContain('infra/jenkins/notify-portal.sh');
      expect(
        fs.statSync(path.join(app, 'infra/jenkins/notify-portal.sh')).mode &
          0o111,
      ).toBeTruthy();

      // The manifest repository: valid Kubernetes objects per environment.
      const manifests = clone(path.join(root, 'remotes/manifests.git'));
      for (const environment of ['dev-a', 'prod']) {
        const dir = path.join(manifests, 'apps', name, environment);
        const load = (file: string) =>
          parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(
            d => d.toJS(),
          );
        const [deployment] = load('deployment.yaml');
        const [service] = load('service.yaml');
        const [ingress] = load('ingress.yaml');
        const [hpa] = load('hpa.yaml');
        expect(validateKubernetes([deployment, service, ingress, hpa])).toBe(
          ['Deployment', 'Service', 'Ingress', 'HorizontalPodAutoscaler']
            .map(k => `valid ${k} ${name}\n`)
            .join(''),
        );
        for (const object of [deployment, service, ingress, hpa]) {
          expect(object.metadata.labels['backstage.io/kubernetes-id']).toBe(
            name,
          );
          expect(object.metadata.name).toBe(name);
        }
        expect(
          deployment.spec.template.metadata.labels[
            'backstage.io/kubernetes-id'
          ],
        ).toBe(name);
        expect(deployment.spec.selector.matchLabels).toEqual(
          expect.objectContaining({ 'app.kubernetes.io/name': name }),
        );
        expect(deployment.spec.template.spec.containers[0].image).toBe(
          `111.dkr.ecr.ap-northeast-2.amazonaws.com/${name}:initial`,
        );
        expect(ingress.metadata.annotations).toMatchObject({
          'alb.ingress.kubernetes.io/scheme': 'internet-facing',
          'alb.ingress.kubernetes.io/target-type': 'ip',
          'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
          'external-dns.alpha.kubernetes.io/hostname': `${name}.${environment}.apps.example.com`,
        });
        expect(ingress.spec.ingressClassName).toBe('alb');
        expect(hpa.spec.minReplicas).toBe(environment === 'prod' ? 2 : 1);

        // The Argo CD Application of this environment points at that path.
        const [application] = parseAllDocuments(
          fs.readFileSync(
            path.join(manifests, 'argocd', environment, `${name}.yaml`),
            'utf8',
          ),
        ).map(d => d.toJS());
        expect(application).toMatchObject({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: { name, namespace: 'argocd' },
          spec: {
            project: 'default',
            source: {
              repoURL: pathToFileURL(path.join(root, 'remotes/manifests.git'))
                .href,
              targetRevision: 'main',
              path: `apps/${name}/${environment}`,
            },
            destination: {
              server: 'https://kubernetes.default.svc',
              namespace: name,
            },
            syncPolicy: { automated: { prune: true, selfHeal: true } },
          },
        });
      }

      // The pipeline's tag bump moves the image in the manifest repository.
      const bump = spawnSync(
        path.join(app, 'infra/jenkins/bump-image-tag.sh'),
        ['abc123', 'dev-a'],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            SERVICE_NAME: name,
            IMAGE_REPOSITORY: `111.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
            MANIFEST_REPO_URL: pathToFileURL(
              path.join(root, 'remotes/manifests.git'),
            ).href,
          },
        },
      );
      expect(bump.stderr).toBe('');
      expect(bump.status).toBe(0);
      const after = clone(path.join(root, 'remotes/manifests.git'));
      expect(
        fs.readFileSync(
          path.join(after, 'apps', name, 'dev-a/deployment.yaml'),
          'utf8',
        ),
      ).toContain(`/${name}:abc123`);
      expect(
        fs.readFileSync(
          path.join(after, 'apps', name, 'prod/deployment.yaml'),
          'utf8',
        ),
      ).toContain(`/${name}:initial`);
    },
  );

  it('refuses a name whose repository already has a different history, and pushes nothing', async () => {
    const taken = path.join(root, 'remotes/apps/taken.git');
    git(['init', '-q', '--bare', '-b', 'main', taken]);
    const other = fs.mkdtempSync(path.join(root, 'other-'));
    git(['init', '-q', '-b', 'main'], other);
    fs.writeFileSync(path.join(other, 'README.md'), 'someone else\n');
    git(['add', '.'], other);
    git(['commit', '-q', '-m', 'theirs'], other);
    git(['push', '-q', taken, 'HEAD:main'], other);
    const before = git(['rev-parse', 'main'], taken);

    await expect(publish('taken', 'node-backend', ['dev-a'])).rejects.toThrow(
      /The name taken is taken: repository .*taken\.git already has history/,
    );
    expect(git(['rev-parse', 'main'], taken)).toBe(before);
    expect(fs.existsSync(path.join(root, 'remotes/manifests.git'))).toBe(false);
  });

  it('rolls the application repository back when the manifest repository refuses', async () => {
    // A manifest repository whose hook refuses every push.
    const manifests = path.join(root, 'remotes/manifests.git');
    git(['init', '-q', '--bare', '-b', 'main', manifests]);
    fs.writeFileSync(
      path.join(manifests, 'hooks/pre-receive'),
      '#!/bin/sh\necho "read-only mirror" >&2\nexit 1\n',
      { mode: 0o755 },
    );

    await expect(publish('refused', 'node-backend', ['dev-a'])).rejects.toThrow(
      /manifest repository .* refused the push: .*read-only mirror/,
    );
    expect(fs.existsSync(path.join(root, 'remotes/apps/refused.git'))).toBe(
      false,
    );
  });

  it('refuses a name that is taken in the manifest repository', async () => {
    await publish('first', 'node-backend', ['dev-a']);
    fs.rmSync(path.join(root, 'remotes/apps/first.git'), { recursive: true });
    await expect(publish('first', 'node-backend', ['dev-a'])).rejects.toThrow(
      /apps\/first already exists in the manifest repository/,
    );
    expect(fs.existsSync(path.join(root, 'remotes/apps/first.git'))).toBe(
      false,
    );
  });

  it('validates the name again', async () => {
    for (const bad of [
      'Orders',
      '1orders',
      'orders-',
      'a'.repeat(41),
      'or_ders',
      '../x',
    ]) {
      await expect(
        new GitPublisher(
          {
            appsBaseUrl: 'file:///nope',
            manifestsUrl: 'file:///nope.git',
            branch: 'main',
            author: { name: 'a', email: 'a@a' },
          },
          mockServices.logger.mock(),
        ).preflight(bad),
      ).rejects.toThrow(/Invalid service name/);
    }
  });
});
