// Renders infra/helm charts through infra/helm/render (Go's text/template, the
// engine Helm uses); needs Debian's golang-go and golang-gopkg-yaml.v3-dev.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const repoRoot = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../..',
);

export function renderChart(
  chart,
  valueFiles = [],
  { namespace = 'portal' } = {},
) {
  const args = [
    'run',
    './infra/helm/render',
    '-chart',
    `infra/helm/${chart}`,
    '-namespace',
    namespace,
  ];
  for (const f of valueFiles) args.push('-f', f);
  const result = spawnSync('go', args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      GO111MODULE: 'off',
      GOPATH: '/usr/share/gocode',
      GOFLAGS: '',
    },
  });
  if (result.status !== 0) {
    const error = new Error(
      result.stderr.trim() || `go run exited ${result.status}`,
    );
    error.stderr = result.stderr;
    throw error;
  }
  const objects = parseAllDocuments(result.stdout)
    .map(doc => {
      if (doc.errors.length) throw doc.errors[0];
      return doc.toJS();
    })
    .filter(Boolean);
  return { text: result.stdout, objects };
}

export function byKind(objects, kind) {
  return objects.filter(o => o.kind === kind);
}
