#!/usr/bin/env node
// The translation check: every user-visible string in our frontends has a
// translation key and Korean text.
//
// For packages/app and every frontend plugin under plugins/ (package.json
// backstage.role frontend-plugin or web-library with .tsx components):
// - JSX text and string literals in user-visible JSX attributes (title,
//   label, placeholder, aria-label, ...) in src/**/*.tsx are findings: they
//   belong in src/translation.ts and are rendered with `t(...)`;
// - each src/translation.ts (createTranslationRef) must have
//   src/translations/ko.ts (createTranslationMessages) with a non-empty
//   Korean message for every key, and a TranslationBlueprint that loads it.
// Prints the findings and exits 1 when there are any.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Frontend plugins not checked. Empty: every frontend has a translation ref. */
export const EXCLUDED_WHILE_CONVERTING = [];

/**
 * Text that is the same in every language (product names, symbols). Keep it
 * short: anything a person reads as a word belongs in a translation ref.
 */
export const ALLOWED_LITERALS = new Set(['Argo CD', 'Kubernetes', 'Jenkins']);

/** JSX attributes whose string value a person reads. */
const VISIBLE_ATTRIBUTES = new Set([
  'title',
  'label',
  'placeholder',
  'aria-label',
  'alt',
  'subheader',
  'subtitle',
  'message',
  'helperText',
  'tooltip',
  'text',
  'description',
  'emptyContent',
]);

const hasWords = s => /[A-Za-z\u00C0-\u024F\uAC00-\uD7A3]{2,}/.test(s);

function parse(file, text) {
  return ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function lineOf(source, node) {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** Untranslated user-visible strings in one .tsx file's text. */
export function findLiterals(file, text) {
  const source = parse(file, text);
  const findings = [];
  const report = (node, value) => {
    const trimmed = value.replace(/\s+/g, ' ').trim();
    if (!hasWords(trimmed) || ALLOWED_LITERALS.has(trimmed)) return;
    findings.push(`${file}:${lineOf(source, node)}: "${trimmed}"`);
  };
  const visit = node => {
    if (ts.isJsxText(node)) {
      report(node, node.text);
    } else if (
      ts.isJsxAttribute(node) &&
      VISIBLE_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer
    ) {
      let value = node.initializer;
      if (ts.isJsxExpression(value) && value.expression) {
        value = value.expression;
      }
      if (
        ts.isStringLiteral(value) ||
        ts.isNoSubstitutionTemplateLiteral(value)
      ) {
        report(value, value.text);
      } else if (ts.isTemplateExpression(value)) {
        report(
          value,
          [value.head, ...value.templateSpans.map(s => s.literal)]
            .map(p => p.text)
            .join(' '),
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** The object literal passed as `messages` to the first call of `fn`. */
function messagesOf(source, fn) {
  let found;
  const visit = node => {
    if (
      !found &&
      ts.isCallExpression(node) &&
      node.expression.getText(source) === fn &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      const prop = node.arguments[0].properties.find(
        p =>
          ts.isPropertyAssignment(p) && p.name.getText(source) === 'messages',
      );
      if (prop && ts.isObjectLiteralExpression(prop.initializer)) {
        found = prop.initializer;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const keyText = (source, name) =>
  ts.isStringLiteral(name) || ts.isIdentifier(name)
    ? name.text
    : name.getText(source);

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`; non-literal values map to undefined. */
function flatten(source, object, prefix = '', out = {}) {
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = prefix + keyText(source, p.name);
    const v = p.initializer;
    if (ts.isObjectLiteralExpression(v)) flatten(source, v, `${key}.`, out);
    else if (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v))
      out[key] = v.text;
    else out[key] = undefined;
  }
  return out;
}

/** Missing or empty Korean messages for one translation ref. */
export function compareMessages(refFile, refText, koFile, koText) {
  const ref = parse(refFile, refText);
  const refMessages = messagesOf(ref, 'createTranslationRef');
  if (!refMessages)
    return [`${refFile}: no createTranslationRef({ messages })`];
  if (koText === undefined)
    return [`${refFile}: no Korean (${koFile} is missing)`];
  const ko = parse(koFile, koText);
  const koMessages = messagesOf(ko, 'createTranslationMessages');
  if (!koMessages)
    return [`${koFile}: no createTranslationMessages({ messages })`];
  const english = flatten(ref, refMessages);
  const korean = flatten(ko, koMessages);
  const findings = [];
  for (const key of Object.keys(english)) {
    const text = korean[key];
    if (text === undefined || text.trim() === '') {
      findings.push(`${koFile}: no Korean for '${key}'`);
    } else if (
      text === english[key] &&
      /[a-z]{3,}\s+[a-z]{3,}/.test(text) &&
      !/[\uAC00-\uD7A3]/.test(text)
    ) {
      findings.push(`${koFile}: '${key}' is still English: "${text}"`);
    }
  }
  for (const key of Object.keys(korean)) {
    if (!(key in english)) findings.push(`${koFile}: unknown key '${key}'`);
  }
  return findings;
}

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return [p];
  });
}

const isComponentFile = f =>
  f.endsWith('.tsx') &&
  !/\.test\.tsx$/.test(f) &&
  !f.includes(`${path.sep}__testUtils__${path.sep}`) &&
  !f.includes(`${path.sep}translations${path.sep}`) &&
  !f.endsWith('setupTests.tsx');

/** Our frontend packages: packages/app and frontend plugins/web libraries with components. */
export function frontendPackages(root) {
  const dirs = ['packages/app'];
  for (const name of fs.readdirSync(path.join(root, 'plugins')).sort()) {
    const pkg = path.join(root, 'plugins', name, 'package.json');
    if (!fs.existsSync(pkg)) continue;
    const role = JSON.parse(fs.readFileSync(pkg, 'utf8')).backstage?.role;
    if (role === 'frontend-plugin' || role === 'web-library') {
      dirs.push(`plugins/${name}`);
    }
  }
  return dirs;
}

/** Where the app installs our plugins' TranslationBlueprints. */
export const APP_I18N_MODULE = 'packages/app/src/modules/i18n/index.ts';

function installedByApp(root, dir) {
  const name = JSON.parse(
    fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'),
  ).name;
  const file = path.join(root, APP_I18N_MODULE);
  return (
    fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(`'${name}'`)
  );
}

/** Every finding in the repository at `root`. */
export function checkRepository(root) {
  const findings = [];
  for (const dir of frontendPackages(root)) {
    if (EXCLUDED_WHILE_CONVERTING.includes(dir)) continue;
    const src = path.join(root, dir, 'src');
    const files = walk(src);
    const components = files.filter(isComponentFile);
    for (const file of components) {
      findings.push(
        ...findLiterals(
          path.relative(root, file),
          fs.readFileSync(file, 'utf8'),
        ),
      );
    }
    const refFile = path.join(src, 'translation.ts');
    if (!fs.existsSync(refFile)) {
      if (components.length > 0) {
        findings.push(`${dir}: components but no src/translation.ts`);
      }
      continue;
    }
    const koFile = path.join(src, 'translations', 'ko.ts');
    findings.push(
      ...compareMessages(
        path.relative(root, refFile),
        fs.readFileSync(refFile, 'utf8'),
        path.relative(root, koFile),
        fs.existsSync(koFile) ? fs.readFileSync(koFile, 'utf8') : undefined,
      ),
    );
    const registers = files.some(f => {
      if (
        !/\.tsx?$/.test(f) ||
        f.includes(`${path.sep}translations${path.sep}`)
      )
        return false;
      const text = fs.readFileSync(f, 'utf8');
      return (
        text.includes('TranslationBlueprint') &&
        /translations\/ko['"]/.test(text)
      );
    });
    if (!registers) {
      findings.push(
        `${dir}: no TranslationBlueprint loads src/translations/ko.ts`,
      );
    } else if (dir !== 'packages/app' && !installedByApp(root, dir)) {
      findings.push(
        `${dir}: its TranslationBlueprint is not installed by ${APP_I18N_MODULE} (the app's translations input only takes the app's extensions)`,
      );
    }
  }
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
  );
  const findings = checkRepository(root);
  for (const f of findings) console.log(f);
  if (findings.length > 0) {
    console.log(
      `${findings.length} untranslated string(s): put them in the package's src/translation.ts with Korean in src/translations/ko.ts`,
    );
    process.exit(1);
  }
  console.log(
    'every user-visible string has a translation key and Korean text',
  );
}
