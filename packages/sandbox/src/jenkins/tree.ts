/**
 * Jenkins' remote API `tree` parameter, as Stapler applies it
 * (`NamedPathPruner`, `Property.writeValue`):
 *
 * - `tree=a,b[c,d{0,5}],*` names the properties to write; `*` is any property;
 * - a bean (an exported object) consumes one level: its properties are
 *   filtered by the node that named it; one named without `[...]` is written
 *   with its `_class` only;
 * - arrays and maps do not consume a level: their items are written with the
 *   pruner of the property that holds them, and `{M,N}` on that property keeps
 *   items M..N-1 of an array (`{M,}`, `{,N}`, `{N}` too);
 * - `_class` is always written.
 *
 * Maps (e.g. `BuildData.buildsByBranchName`) look like beans in JSON; the
 * stand-in's data marks them with `ExportedMap` so the filter can tell.
 */

export type TreeNode = {
  children: Map<string, TreeNode>;
  range?: { min: number; max: number };
};

/** A Java Map the Jenkins API exports in its compact form (keys as properties). */
export class ExportedMap {
  constructor(entries: Record<string, unknown>) {
    Object.assign(this, entries);
  }
}

function parseRange(text: string): { min: number; max: number } {
  const m = /^(\d*)(,?)(\d*)$/.exec(text);
  if (!m) throw new Error(`Invalid range {${text}}`);
  const [, a, comma, b] = m;
  if (!comma) {
    const n = Number(a);
    return { min: n, max: n + 1 };
  }
  return {
    min: a ? Number(a) : 0,
    max: b ? Number(b) : Number.MAX_SAFE_INTEGER,
  };
}

/** Parses a `tree` expression; throws on unbalanced brackets as Jenkins does (400). */
export function parseTree(expression: string): TreeNode {
  const text = expression.replace(/\s+/g, '');
  let i = 0;
  const parseList = (): TreeNode => {
    const node: TreeNode = { children: new Map() };
    for (;;) {
      const start = i;
      while (i < text.length && /[\w$*.\-]/.test(text[i])) i++;
      const name = text.slice(start, i);
      if (!name) throw new Error(`Invalid tree at ${i}: ${expression}`);
      const child: TreeNode = node.children.get(name) ?? {
        children: new Map(),
      };
      if (text[i] === '[') {
        i++;
        const sub = parseList();
        for (const [k, v] of sub.children) child.children.set(k, v);
        if (text[i] !== ']') {
          throw new Error(`Invalid tree, ']' expected at ${i}: ${expression}`);
        }
        i++;
      }
      if (text[i] === '{') {
        const end = text.indexOf('}', i);
        if (end < 0)
          throw new Error(`Invalid tree, '}' expected: ${expression}`);
        child.range = parseRange(text.slice(i + 1, end));
        i = end + 1;
      }
      node.children.set(name, child);
      if (text[i] !== ',') break;
      i++;
    }
    return node;
  };
  const root = parseList();
  if (i !== text.length) {
    throw new Error(`Invalid tree at ${i}: ${expression}`);
  }
  return root;
}

function writeValue(value: unknown, pruner: TreeNode): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const { min, max } = pruner.range ?? {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    };
    return value.slice(min, max).map(item => writeValue(item, pruner));
  }
  if (value instanceof ExportedMap) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, writeValue(v, pruner)]),
    );
  }
  return writeBean(value as Record<string, unknown>, pruner);
}

function writeBean(bean: Record<string, unknown>, pruner: TreeNode) {
  const out: Record<string, unknown> = {};
  if ('_class' in bean) out._class = bean._class;
  for (const [key, value] of Object.entries(bean)) {
    if (key === '_class') continue;
    const child = pruner.children.get(key) ?? pruner.children.get('*');
    if (!child) continue;
    out[key] = writeValue(value, child);
  }
  return out;
}

/** The object as `GET .../api/json?tree=expression` would write it. */
export function applyTree(
  object: Record<string, unknown>,
  expression: string,
): Record<string, unknown> {
  return writeBean(object, parseTree(expression));
}

/** Plain JSON of data that may hold ExportedMaps (no tree: everything). */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
