// A small reader of the PromQL we write in deploy/: the series names an expression selects, the
// label names of its matchers, and the labels its `by (…)` clauses group on. Enough to check
// dashboards and rules against what the services export; not a PromQL parser.

export interface SelectorUse { readonly name: string; readonly labels: readonly string[] }
export interface GroupingUse { readonly labels: readonly string[]; readonly names: readonly string[] }

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'and', 'or', 'unless', 'inf', 'nan',
  'sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values']);
const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;

/** Drops string literals and Grafana variables ($__rate_interval, ${x}), which hold no names. */
function strip(expr: string): string {
  return expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\$\{?[A-Za-z_]+\}?/g, '1m');
}

/** Every selector (series name with its matchers' label names). Function and operator names are skipped. */
export function toSelectors(expr: string): SelectorUse[] {
  const text = strip(expr);
  const out: SelectorUse[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '{' || c === '[') {
      i = text.indexOf(c === '{' ? '}' : ']', i) + 1;
      continue;
    }
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    const prev = text[i - 1] ?? ' ';
    if (m === null || /[0-9.]/.test(prev) || /[a-zA-Z0-9_]/.test(prev)) { i++; continue; }
    const word = m[0];
    let j = i + word.length;
    while (text[j] === ' ') j++;
    const next = text[j] ?? '';
    const isCall = next === '(' || KEYWORDS.has(word.toLowerCase());
    if (!isCall && !/^[0-9]/.test(word)) {
      const labels = next === '{' ? [...text.slice(j + 1, text.indexOf('}', j)).matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((x) => x[1] ?? '') : [];
      out.push({ name: word, labels });
    }
    if (['by', 'without', 'on', 'ignoring'].includes(word.toLowerCase()) && next === '(') i = text.indexOf(')', j) + 1;
    else i = j > i + word.length ? j : i + word.length;
  }
  return out;
}

/** Every `by (labels) (inner)` / `(inner) by (labels)` grouping, with the names selected inside. */
export function toGroupings(expr: string): GroupingUse[] {
  const text = strip(expr);
  const out: GroupingUse[] = [];
  for (const m of text.matchAll(/\bby\s*\(([^)]*)\)\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    const inner = text.slice(open, closing(text, open) + 1);
    out.push({ labels: toLabelList(m[1] ?? ''), names: toSelectors(inner).map((s) => s.name) });
  }
  for (const m of text.matchAll(/\)\s*by\s*\(([^)]*)\)/g)) {
    const close = m.index;
    const inner = text.slice(opening(text, close), close + 1);
    out.push({ labels: toLabelList(m[1] ?? ''), names: toSelectors(inner).map((s) => s.name) });
  }
  return out;
}

function toLabelList(list: string): string[] {
  return list.split(',').map((l) => l.trim()).filter((l) => l !== '');
}

function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in ${text}`);
}

function opening(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (text[i] === ')') depth++;
    if (text[i] === '(' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in ${text}`);
}
