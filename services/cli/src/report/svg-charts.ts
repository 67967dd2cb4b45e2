// Inline SVG charts (no scripts, no fonts, no network): reference vs current overlaid, as density
// histograms on the reference-quantile bins for numeric features and as grouped bars of shares
// for categories. Every text is escaped; hovering a bar shows its exact shares.
import type { ChartData } from './chart-data.ts';
import { escapeHtml } from './escape-html.ts';
import { formatNumber, formatPercent } from './format.ts';

const colors = { reference: '#4c78a8', current: '#f58518', axis: '#666', grid: '#e5e5e5' } as const;
const width = 560;
const margin = { left: 46, right: 14, top: 26, bottom: 44 } as const;

const f1 = (x: number): string => x.toFixed(1);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function legend(): string {
  const item = (x: number, color: string, label: string, current: boolean): string =>
    `<rect x="${x}" y="6" width="12" height="12" fill="${color}" fill-opacity="${current ? 0.35 : 0.45}"${current ? ` stroke="${color}" stroke-width="1.5"` : ''}/>` +
    `<text x="${x + 16}" y="16" font-size="11" fill="#333">${label}</text>`;
  return item(width - 170, colors.reference, 'reference', false) + item(width - 90, colors.current, 'current', true);
}

/** About `count` round tick values covering [min, max]. */
export function toNiceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function bar(x: number, y: number, w: number, h: number, current: boolean, tip: string): string {
  const color = current ? colors.current : colors.reference;
  const style = current ? `fill="${color}" fill-opacity="0.35" stroke="${color}" stroke-width="1.2"` : `fill="${color}" fill-opacity="0.45"`;
  return `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(Math.max(w, 0.5))}" height="${f1(Math.max(h, 0))}" ${style}><title>${escapeHtml(tip)}</title></rect>`;
}

function frame(height: number, body: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}" font-family="sans-serif">` +
    `${legend()}${body}</svg>`;
}

/** A piece of the piecewise-linear value → pixel mapping (long tails are drawn shortened). */
interface Segment { readonly v0: number; readonly v1: number; readonly d0: number; readonly d1: number; readonly compressed: boolean }

function toSegments(edges: readonly number[], under: boolean, over: boolean): Segment[] {
  const k = edges.length - 1;
  const lo = edges[0] ?? 0;
  const hi = edges[k] ?? 1;
  // Only the outermost bins of a fine histogram are shortened, to at most 30 % of the rest.
  const inner0 = k >= 6 ? (edges[1] ?? lo) : lo;
  const inner1 = k >= 6 ? (edges[k - 1] ?? hi) : hi;
  const bulk = inner1 - inner0;
  const tail = (w: number): number => (bulk > 0 ? Math.min(w, bulk * 0.3) : w);
  const dl = tail(inner0 - lo);
  const dr = tail(hi - inner1);
  const pad = 0.08 * (dl + bulk + dr || 1);
  const parts: { v0: number; v1: number; d: number }[] = [];
  if (under) parts.push({ v0: lo - pad, v1: lo, d: pad });
  if (inner0 > lo) parts.push({ v0: lo, v1: inner0, d: dl });
  parts.push({ v0: inner0, v1: inner1, d: bulk || 1 });
  if (hi > inner1) parts.push({ v0: inner1, v1: hi, d: dr });
  if (over) parts.push({ v0: hi, v1: hi + pad, d: pad });
  const total = parts.reduce((a, p) => a + p.d, 0);
  const span = width - margin.left - margin.right;
  let at = margin.left;
  return parts.map((p) => {
    const d = (p.d / total) * span;
    const seg = { v0: p.v0, v1: p.v1, d0: at, d1: at + d, compressed: p.d < p.v1 - p.v0 - 1e-12 * Math.abs(p.v1) };
    at += d;
    return seg;
  });
}

function toPixel(segments: readonly Segment[], v: number): number {
  const seg = segments.find((s) => v <= s.v1) ?? segments[segments.length - 1];
  if (seg === undefined) return margin.left;
  const t = seg.v1 === seg.v0 ? 0 : (v - seg.v0) / (seg.v1 - seg.v0);
  return seg.d0 + Math.min(1, Math.max(0, t)) * (seg.d1 - seg.d0);
}

function histogram(chart: Extract<ChartData, { kind: 'histogram' }>, label: string): string {
  const height = 210;
  const plotH = height - margin.top - margin.bottom;
  const { edges } = chart;
  const k = edges.length - 1;
  const lo = edges[0] ?? 0;
  const hi = edges[k] ?? 1;
  const nr = Math.max(1, sum(chart.reference));
  const nc = Math.max(1, sum(chart.current));
  const under = (chart.reference[0] ?? 0) + (chart.current[0] ?? 0) > 0;
  const over = (chart.reference[k + 1] ?? 0) + (chart.current[k + 1] ?? 0) > 0;
  const segments = toSegments(edges, under, over);
  const x = (v: number): number => toPixel(segments, v);
  const first = segments[0];
  const last = segments[segments.length - 1];
  // Cells in value units; the outside cells span the padding (their true extent is open).
  const cells = chart.reference.map((_, i) => ({
    from: i === 0 ? (first?.v0 ?? lo) : (edges[i - 1] ?? lo), to: i === k + 1 ? (last?.v1 ?? hi) : i === 0 ? lo : (edges[i] ?? hi), i,
  })).filter((c) => (c.i !== 0 || under) && (c.i !== k + 1 || over));
  const density = (count: number, n: number, c: { from: number; to: number }): number => count / n / Math.max(c.to - c.from, 1e-300);
  let ymax = 0;
  for (const c of cells) ymax = Math.max(ymax, density(chart.reference[c.i] ?? 0, nr, c), density(chart.current[c.i] ?? 0, nc, c));
  const y = (d: number): number => margin.top + plotH - (ymax === 0 ? 0 : (d / ymax) * plotH);
  let body = '';
  for (const c of cells) {
    const r = chart.reference[c.i] ?? 0;
    const cu = chart.current[c.i] ?? 0;
    const where = c.i === 0 ? `below ${formatNumber(lo)} (reference minimum)` : c.i === k + 1 ? `above ${formatNumber(hi)} (reference maximum)` : `[${formatNumber(c.from)}, ${formatNumber(c.to)}${c.i === k ? ']' : ')'}`;
    const tip = `${where}: reference ${formatPercent(r, nr)}, current ${formatPercent(cu, nc)}`;
    const x0 = x(c.from);
    const w = x(c.to) - x0;
    body += bar(x0, y(density(r, nr, c)), w, y(0) - y(density(r, nr, c)), false, tip);
    body += bar(x0, y(density(cu, nc, c)), w, y(0) - y(density(cu, nc, c)), true, tip);
    if (c.i === 0 || c.i === k + 1) {
      body += `<rect x="${f1(x0)}" y="${margin.top}" width="${f1(w)}" height="${plotH}" fill="none" stroke="${colors.axis}" stroke-dasharray="3 3"/>`;
      body += `<text x="${f1(x0 + w / 2)}" y="${margin.top + 10}" font-size="10" text-anchor="middle" fill="${colors.axis}">${c.i === 0 ? '&lt; min' : '&gt; max'}</text>`;
    }
  }
  const axisY = y(0);
  let axis = `<line x1="${margin.left}" y1="${f1(axisY)}" x2="${width - margin.right}" y2="${f1(axisY)}" stroke="${colors.axis}"/>`;
  const tick = (v: number, text: string): string =>
    `<line x1="${f1(x(v))}" y1="${f1(axisY)}" x2="${f1(x(v))}" y2="${f1(axisY + 4)}" stroke="${colors.axis}"/>` +
    `<text x="${f1(x(v))}" y="${f1(axisY + 16)}" font-size="10" text-anchor="middle" fill="#333">${escapeHtml(text)}</text>`;
  const leftCut = segments.find((s) => s.compressed && s.v0 === lo);
  const rightCut = segments.find((s) => s.compressed && s.v1 === hi);
  const ends = [...(leftCut === undefined ? [] : [lo]), ...(rightCut === undefined ? [] : [hi])];
  for (const v of ends) axis += tick(v, formatNumber(v));
  for (const t of toNiceTicks(leftCut?.v1 ?? lo, rightCut?.v0 ?? hi, 5)) {
    if (ends.every((v) => Math.abs(x(v) - x(t)) > 34)) axis += tick(t, formatNumber(t));
  }
  for (const s of segments.filter((seg) => seg.compressed)) {
    const mid = (s.d0 + s.d1) / 2;
    axis += `<text x="${f1(mid)}" y="${f1(axisY + 4)}" font-size="11" text-anchor="middle" fill="${colors.axis}">≈</text>`;
  }
  axis += `<text x="${margin.left - 6}" y="${margin.top + plotH / 2}" font-size="10" text-anchor="middle" fill="${colors.axis}" transform="rotate(-90 ${margin.left - 30} ${margin.top + plotH / 2})">density</text>`;
  const note = segments.some((s) => s.compressed) ? '; long tails drawn shortened (≈)' : '';
  axis += `<text x="${margin.left}" y="${height - 6}" font-size="10" fill="${colors.axis}">bins: reference quantiles (equal reference mass)${note}</text>`;
  return frame(height, body + axis, label);
}

function bars(chart: Extract<ChartData, { kind: 'bars' }>, label: string): string {
  const n = chart.labels.length;
  const rotate = n > 6 || chart.labels.some((l) => l.length > 10);
  const height = rotate ? 250 : 210;
  const bottom = rotate ? 84 : margin.bottom;
  const plotH = height - margin.top - bottom;
  const nr = Math.max(1, sum(chart.reference));
  const nc = Math.max(1, sum(chart.current));
  let ymax = 0;
  chart.labels.forEach((_, i) => { ymax = Math.max(ymax, (chart.reference[i] ?? 0) / nr, (chart.current[i] ?? 0) / nc); });
  const y = (s: number): number => margin.top + plotH - (ymax === 0 ? 0 : (s / ymax) * plotH);
  const slot = (width - margin.left - margin.right) / Math.max(n, 1);
  const bw = Math.min(28, slot * 0.38);
  let body = '';
  for (const t of toNiceTicks(0, ymax, 4)) {
    body += `<line x1="${margin.left}" y1="${f1(y(t))}" x2="${width - margin.right}" y2="${f1(y(t))}" stroke="${colors.grid}"/>`;
    body += `<text x="${margin.left - 4}" y="${f1(y(t) + 3)}" font-size="10" text-anchor="end" fill="#333">${Math.round(t * 1000) / 10} %</text>`;
  }
  chart.labels.forEach((name, i) => {
    const r = chart.reference[i] ?? 0;
    const c = chart.current[i] ?? 0;
    const cx = margin.left + slot * (i + 0.5);
    const tip = `${name}: reference ${formatPercent(r, nr)} (${r}), current ${formatPercent(c, nc)} (${c})`;
    body += bar(cx - bw, y(r / nr), bw, y(0) - y(r / nr), false, tip);
    body += bar(cx, y(c / nc), bw, y(0) - y(c / nc), true, tip);
    const short = name.length > 16 ? `${name.slice(0, 15)}…` : name;
    const ty = y(0) + 13;
    body += rotate
      ? `<text x="${f1(cx)}" y="${f1(ty)}" font-size="10" text-anchor="end" fill="#333" transform="rotate(-35 ${f1(cx)} ${f1(ty)})">${escapeHtml(short)}<title>${escapeHtml(name)}</title></text>`
      : `<text x="${f1(cx)}" y="${f1(ty)}" font-size="10" text-anchor="middle" fill="#333">${escapeHtml(short)}<title>${escapeHtml(name)}</title></text>`;
  });
  body += `<line x1="${margin.left}" y1="${f1(y(0))}" x2="${width - margin.right}" y2="${f1(y(0))}" stroke="${colors.axis}"/>`;
  return frame(height, body, label);
}

/** The chart as an `<svg>` element; `label` names it for screen readers. */
export function renderChartSvg(chart: ChartData, label: string): string {
  return chart.kind === 'histogram' ? histogram(chart, label) : bars(chart, label);
}
