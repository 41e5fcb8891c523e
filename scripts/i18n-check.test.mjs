// node --test: the translation check finds untranslated strings, and the
// repository has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkRepository,
  compareMessages,
  EXCLUDED_WHILE_CONVERTING,
  findLiterals,
  frontendPackages,
} from './i18n-check.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

test('flags JSX text and visible attributes, not keys, code or symbols', () => {
  const findings = findLiterals(
    'Card.tsx',
    `export const Card = ({ n }) => (
      <InfoCard title="Deployments" subheader={t('deployments.subheader')}>
        <Typography>No deploys yet.</Typography>
        <Link aria-label={\`Open \${n} in Argo CD\`} to="/x" data-id="abc">—</Link>
        <span title={why}>{t('a.b')} -</span>
        <Chip label='Argo CD' />
      </InfoCard>
    );`,
  );
  assert.deepEqual(findings, [
    'Card.tsx:2: "Deployments"',
    'Card.tsx:3: "No deploys yet."',
    'Card.tsx:4: "Open in Argo CD"',
  ]);
});

const ref = `export const r = createTranslationRef({ id: 'x', messages: {
  title: 'Deployments', columns: { pods: 'Pods', env: 'Environment' },
  open: 'Open in portal now' } });`;

test('wants a non-empty Korean message for every key of a ref', () => {
  const ko = `export default createTranslationMessages({ ref: r, full: true, messages: {
    title: '배포', 'columns.pods': '', 'open': 'Open in portal now', stale: '옛 키' } });`;
  assert.deepEqual(compareMessages('translation.ts', ref, 'ko.ts', ko), [
    "ko.ts: no Korean for 'columns.pods'",
    "ko.ts: no Korean for 'columns.env'",
    `ko.ts: 'open' is still English: "Open in portal now"`,
    "ko.ts: unknown key 'stale'",
  ]);
  assert.deepEqual(compareMessages('translation.ts', ref, 'ko.ts', undefined), [
    'translation.ts: no Korean (ko.ts is missing)',
  ]);
});

test('our frontends have a translation key and Korean text for every string', () => {
  assert.deepEqual(checkRepository(root), []);
});

/** A repository with one frontend plugin in plugins/<dir>. */
function repoWith(dir, files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-check-'));
  const write = (file, text) => {
    const p = path.join(root, file);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  };
  write(
    `plugins/${dir}/package.json`,
    JSON.stringify({
      name: `@internal/plugin-${dir}`,
      backstage: { role: 'frontend-plugin' },
    }),
  );
  for (const [file, text] of Object.entries(files)) {
    write(`plugins/${dir}/${file}`, text);
  }
  return root;
}

test('fails on an untranslated string in a plugin', () => {
  for (const dir of ['environments']) {
    const root = repoWith(dir, {
      'src/EnvironmentCard.tsx':
        'export const C = () => <InfoCard title="Environment">Extend by a week</InfoCard>;',
    });
    try {
      assert.deepEqual(checkRepository(root), [
        `plugins/${dir}/src/EnvironmentCard.tsx:1: "Environment"`,
        `plugins/${dir}/src/EnvironmentCard.tsx:1: "Extend by a week"`,
        `plugins/${dir}: components but no src/translation.ts`,
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
});

test('excludes no plugin and checks the environments frontend', () => {
  assert.deepEqual(EXCLUDED_WHILE_CONVERTING, []);
  const dirs = frontendPackages(root);
  assert.ok(dirs.includes('plugins/environments'), dirs.join(', '));
  assert.ok(dirs.includes('plugins/cost-uptime'));
});
