// node --test: the portal's Helm chart renders to valid Kubernetes objects with
// the production values, and refuses incomplete values with a clear message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { byKind, renderChart, repoRoot } from './helm.mjs';

const PRODUCTION = 'infra/helm/portal/values-production.yaml';
const models = {
  Deployment,
  ConfigMap,
  Service,
  ServiceAccount,
  Ingress,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
};

const { objects, text } = renderChart('portal', [PRODUCTION]);
const one = kind => {
  const found = byKind(objects, kind);
  assert.equal(found.length, 1, `exactly one ${kind}`);
  return found[0];
};

test('every rendered object is a valid Kubernetes object of its kind', () => {
  const kinds = objects.map(o => o.kind).sort();
  assert.deepEqual(kinds, [
    'ConfigMap',
    'Deployment',
    'ExternalSecret',
    'HorizontalPodAutoscaler',
    'Ingress',
    'PodDisruptionBudget',
    'Service',
    'ServiceAccount',
  ]);
  for (const object of objects) {
    const Model = models[object.kind];
    if (!Model) continue; // ExternalSecret: a CRD, checked below
    assert.doesNotThrow(
      () => new Model(object).validate(),
      `${object.kind} is valid`,
    );
    assert.equal(
      object.metadata.labels['app.kubernetes.io/instance'],
      'portal',
    );
  }
});

test('runs at least two replicas that survive disruption and scale on CPU', () => {
  const hpa = one('HorizontalPodAutoscaler');
  assert.ok(hpa.spec.minReplicas >= 2);
  assert.equal(hpa.spec.scaleTargetRef.name, one('Deployment').metadata.name);
  assert.equal(one('PodDisruptionBudget').spec.minAvailable, 1);
  const strategy = one('Deployment').spec.strategy.rollingUpdate;
  assert.equal(strategy.maxUnavailable, 0);
});

test('probes use the backend health endpoints; the pod runs as non-root', () => {
  const pod = one('Deployment').spec.template.spec;
  const [container] = pod.containers;
  assert.equal(
    container.readinessProbe.httpGet.path,
    '/.backstage/health/v1/readiness',
  );
  assert.equal(
    container.livenessProbe.httpGet.path,
    '/.backstage/health/v1/liveness',
  );
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(container.securityContext.allowPrivilegeEscalation, false);
  assert.equal(container.securityContext.readOnlyRootFilesystem, true);
  assert.ok(
    container.resources.requests.cpu && container.resources.limits.memory,
  );
  assert.deepEqual(container.args.slice(-6), [
    '--config',
    'app-config.yaml',
    '--config',
    'app-config.production.yaml',
    '--config',
    '/config/app-config.extra.yaml',
  ]);
});

test('secrets come from a Secret fed by External Secrets, never from the chart', () => {
  const [container] = one('Deployment').spec.template.spec.containers;
  const secretRef = container.envFrom.find(e => e.secretRef).secretRef.name;
  const externalSecret = one('ExternalSecret');
  assert.equal(externalSecret.apiVersion, 'external-secrets.io/v1beta1');
  assert.equal(externalSecret.spec.target.name, secretRef);
  assert.equal(
    externalSecret.spec.dataFrom[0].extract.key,
    'platform/eks-portal',
  );
  assert.equal(byKind(objects, 'Secret').length, 0);
  const config = one('ConfigMap').data;
  for (const key of Object.keys(config)) {
    assert.doesNotMatch(
      key,
      /PASSWORD|SECRET|TOKEN/i,
      `${key} belongs in the Secret`,
    );
  }
  assert.doesNotMatch(text, /password:\s*\S/i);
});

test('database settings for PostgreSQL (core) and MariaDB (cost plugin)', () => {
  const config = one('ConfigMap').data;
  assert.match(config.POSTGRES_HOST, /rds\.amazonaws\.com$/);
  assert.equal(config.POSTGRES_PORT, '5432');
  assert.match(config.COST_UPTIME_DB_HOST, /rds\.amazonaws\.com$/);
  assert.equal(config.COST_UPTIME_DB_PORT, '3306');
});

test('every setting app-config.production.yaml reads is in the ConfigMap or named for the Secret', () => {
  const production = fs.readFileSync(
    path.join(repoRoot, 'app-config.production.yaml'),
    'utf8',
  );
  const wanted = new Set(
    [...production.matchAll(/\$\{(\w+)\}/g)].map(m => m[1]),
  );
  const config = one('ConfigMap').data;
  const secretDoc = fs.readFileSync(
    path.join(repoRoot, 'infra/helm/portal/values.yaml'),
    'utf8',
  );
  const missing = [...wanted].filter(
    name => !(name in config) && !secretDoc.includes(name),
  );
  assert.deepEqual(
    missing,
    [],
    'settings production reads that the chart provides nowhere',
  );
  for (const name of wanted) {
    if (/PASSWORD|SECRET|TOKEN/.test(name))
      assert.ok(!(name in config), `${name} must come from the Secret`);
  }
});

test('the ALB ingress and ExternalDNS record point at the portal host', () => {
  const ingress = one('Ingress');
  const a = ingress.metadata.annotations;
  assert.equal(ingress.spec.ingressClassName, 'alb');
  assert.equal(
    a['external-dns.alpha.kubernetes.io/hostname'],
    'portal.platform.example.com',
  );
  assert.equal(a['alb.ingress.kubernetes.io/target-type'], 'ip');
  assert.equal(
    a['alb.ingress.kubernetes.io/healthcheck-path'],
    '/.backstage/health/v1/readiness',
  );
  assert.match(a['alb.ingress.kubernetes.io/certificate-arn'], /^arn:aws:acm:/);
  assert.equal(ingress.spec.rules[0].host, 'portal.platform.example.com');
  assert.equal(
    ingress.spec.rules[0].http.paths[0].backend.service.name,
    one('Service').metadata.name,
  );
});

test('metrics are scraped from each pod, never exposed by the Service', () => {
  const template = one('Deployment').spec.template;
  assert.equal(template.metadata.annotations['prometheus.io/scrape'], 'true');
  assert.equal(template.metadata.annotations['prometheus.io/port'], '9464');
  assert.ok(
    template.spec.containers[0].ports.some(
      p => p.name === 'metrics' && p.containerPort === 9464,
    ),
  );
  assert.equal(one('ConfigMap').data.PORTAL_METRICS_PORT, '9464');
  assert.deepEqual(
    one('Service').spec.ports.map(p => p.targetPort),
    ['http'],
  );
});

test('the service account carries the IRSA role for Cost Explorer and EKS', () => {
  const sa = one('ServiceAccount');
  assert.match(
    sa.metadata.annotations['eks.amazonaws.com/role-arn'],
    /^arn:aws:iam::\d{12}:role\//,
  );
  assert.equal(
    one('Deployment').spec.template.spec.serviceAccountName,
    sa.metadata.name,
  );
});

test('incomplete values are refused with the name of what is missing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-values-'));
  const cases = [
    ['image: {repository: ""}', /image\.repository is required/],
    ['portal: {baseUrl: ""}', /portal\.baseUrl is required/],
    ['ingress: {host: ""}', /ingress\.host is required/],
    ['keycloak: {baseUrl: ""}', /keycloak\.baseUrl is required/],
    [
      'externalSecrets: {remoteKey: ""}',
      /externalSecrets\.remoteKey is required/,
    ],
  ];
  for (const [yamlText, message] of cases) {
    const file = path.join(dir, 'override.yaml');
    fs.writeFileSync(file, yamlText);
    assert.throws(() => renderChart('portal', [PRODUCTION, file]), message);
  }
  // The chart's defaults alone are not deployable either.
  assert.throws(() => renderChart('portal'), /is required/);
});

test('without autoscaling the deployment itself asks for two replicas', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-values-'));
  const file = path.join(dir, 'no-hpa.yaml');
  fs.writeFileSync(file, 'autoscaling: {enabled: false}\n');
  const rendered = renderChart('portal', [PRODUCTION, file]).objects;
  assert.equal(byKind(rendered, 'HorizontalPodAutoscaler').length, 0);
  assert.equal(byKind(rendered, 'Deployment')[0].spec.replicas, 2);
});
