// The report as one self-contained HTML page (inline CSS and SVG; no scripts, fonts or network).
// Every piece of user data goes through escapeHtml.
import { escapeHtml } from './escape-html.ts';
import { formatCount, formatNumber, formatPercent, toMethodName, toRuleText } from './format.ts';
import type { FeatureReport, ReportModel, SliceReport } from './report-model.ts';
import { renderChartSvg } from './svg-charts.ts';
import { pageStyle } from './page-style.ts';

const e = escapeHtml;
const verdictText = { drift: 'drift', 'no-drift': 'no drift', 'not-tested': 'not tested' } as const;
const verdictClass = { drift: 'bad', 'no-drift': 'good', 'not-tested': 'muted' } as const;

function badge(f: FeatureReport): string {
  return `<span class="badge ${verdictClass[f.verdict]}">${verdictText[f.verdict]}</span>`;
}

function valueText(f: FeatureReport): string {
  const d = f.drift;
  if (d === undefined) return '–';
  const adjusted = d.adjustedPValue === undefined ? '' : ` <span class="sub">(adjusted ${e(formatNumber(d.adjustedPValue))})</span>`;
  return `${e(formatNumber(d.score))}${adjusted}${d.approximate ? ' <span class="sub" title="computed from sketches or histograms">≈</span>' : ''}`;
}

function statisticText(f: FeatureReport): string {
  const d = f.drift;
  if (d === undefined) return `<span class="sub">${e(f.reason ?? '')}</span>`;
  return `${e(toMethodName(d.method))}${d.methodSource === 'spec' ? ' <span class="sub">(from spec)</span>' : ''}`;
}

function qualityText(f: FeatureReport): string {
  const q = f.quality.current;
  const parts: string[] = [];
  if (q.missing > 0) parts.push(`${formatPercent(q.missing, q.total)} missing`);
  if (q.outOfRange > 0) parts.push(`${formatPercent(q.outOfRange, q.total)} out of range`);
  if (q.unseenCategory > 0) parts.push(`${formatPercent(q.unseenCategory, q.total)} unseen category`);
  if (q.wrongType > 0) parts.push(`${formatPercent(q.wrongType, q.total)} wrong type`);
  return parts.length === 0 ? '<span class="sub">ok</span>' : `<span class="warn">${parts.join(', ')}</span>`;
}

/** Drifted first, then the others in spec order. */
function ordered(features: readonly FeatureReport[]): FeatureReport[] {
  return [...features.filter((f) => f.verdict === 'drift'), ...features.filter((f) => f.verdict !== 'drift')];
}

/** `carded`: which features have a chart card on the page to link to. */
function featureTable(slice: SliceReport, anchor: string, carded: (f: FeatureReport) => boolean = () => true): string {
  const rows = ordered(slice.features).map((f) => {
    const i = slice.features.indexOf(f);
    const name = f.chart === undefined || !carded(f) ? e(f.name) : `<a href="#${anchor}-${i}">${e(f.name)}</a>`;
    const rule = f.drift === undefined ? '–' : e(toRuleText(f.drift.rule, f.drift.threshold));
    return `<tr><td>${name}${f.pii ? ' <span class="sub">(pii)</span>' : ''}</td><td>${f.type}</td><td>${statisticText(f)}</td><td class="num">${valueText(f)}</td><td class="num">${rule}</td><td>${badge(f)}</td><td>${qualityText(f)}</td></tr>`;
  });
  return `<table class="features"><thead><tr><th>Feature</th><th>Type</th><th>Statistic</th><th>Value</th><th>Drift if</th><th>Verdict</th><th>Current data quality</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function featureCard(f: FeatureReport, id: string): string {
  if (f.chart === undefined) return '';
  const d = f.drift;
  const line = d === undefined ? e(f.reason ?? 'not tested')
    : `${e(toMethodName(d.method))} = <b>${valueText(f)}</b>, drift if ${e(toRuleText(d.rule, d.threshold))}`;
  return `<article class="card ${verdictClass[f.verdict]}" id="${id}"><h3>${e(f.name)} ${badge(f)}</h3><p class="stat">${line}</p>${renderChartSvg(f.chart, `${f.name}: reference vs current`)}</article>`;
}

function featureCards(slice: SliceReport, anchor: string, carded: (f: FeatureReport) => boolean = () => true): string {
  const cards = ordered(slice.features).filter(carded).map((f) => featureCard(f, `${anchor}-${slice.features.indexOf(f)}`));
  return `<div class="cards">${cards.join('')}</div>`;
}

function rowsLine(s: SliceReport): string {
  return `${formatCount(s.currentRows)} current rows, ${formatCount(s.referenceRows)} reference rows`;
}

function summary(model: ReportModel): string {
  const s = model.summary;
  const drifted = s.driftedFeatures.length;
  const features = `<div class="tile ${drifted > 0 ? 'bad' : 'good'}"><div class="big">${drifted} <span>of ${s.testedFeatures}</span></div><div>features drifted (overall)</div>${drifted > 0 ? `<div class="names">${s.driftedFeatures.map(e).join(', ')}</div>` : ''}</div>`;
  const slices = `<div class="tile ${s.slicesWithDrift > 0 ? 'bad' : 'good'}"><div class="big">${s.slicesWithDrift} <span>of ${s.slicesTested}</span></div><div>tested slices with drift</div></div>`;
  const prediction = `<div class="tile ${s.predictionDrift === true ? 'bad' : s.predictionDrift === false ? 'good' : 'muted'}"><div class="big">${s.predictionDrift === undefined ? '–' : s.predictionDrift ? 'drift' : 'stable'}</div><div>prediction distribution</div></div>`;
  const quality = `<div class="tile ${s.qualityProblems > 0 ? 'warnbg' : 'good'}"><div class="big">${formatCount(s.qualityProblems)}</div><div>current values missing, out of range, of unseen categories or of the wrong type</div></div>`;
  const worst = s.worstSlices.length === 0 ? '<p class="sub">No slice shows drift.</p>'
    : `<ol class="worst">${s.worstSlices.map((w) => `<li><a href="#slice-${model.slices.findIndex((x) => x.id === w.id)}"><b>${e(w.id)}</b></a>: ${w.drifted} of ${w.tested} features drifted <span class="sub">(${formatCount(w.currentRows)} current rows)</span></li>`).join('')}</ol>`;
  return `<section class="summary"><div class="tiles">${features}${slices}${prediction}${quality}</div><h2>Worst slices</h2>${worst}</section>`;
}

function sliceMatrix(model: ReportModel): string {
  const names = model.overall.features.filter((f) => !f.pii).map((f) => f.name);
  const head = `<tr><th>Slice</th><th class="num">Current rows</th>${names.map((n) => `<th class="rot"><span>${e(n)}</span></th>`).join('')}</tr>`;
  const rows = model.slices.map((s, i) => {
    const cells = names.map((n) => {
      const f = s.features.find((x) => x.name === n);
      if (f === undefined || f.drift === undefined) return `<td class="cell muted" title="${e(f?.reason ?? s.reason ?? 'not tested')}">–</td>`;
      return `<td class="cell ${verdictClass[f.verdict]}" title="${e(`${toMethodName(f.drift.method)} ${formatNumber(f.drift.score)}, drift if ${toRuleText(f.drift.rule, f.drift.threshold)}`)}">${e(formatNumber(f.drift.score))}</td>`;
    });
    return `<tr><td><a href="#slice-${i}">${e(s.id)}</a></td><td class="num">${formatCount(s.currentRows)}</td>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

const isDrift = (f: FeatureReport): boolean => f.verdict === 'drift';

function sliceDetails(model: ReportModel): string {
  return model.slices.map((s, i) => {
    const status = s.tested ? `${s.drifted} of ${s.testedFeatures} features drifted` : e(s.reason ?? 'not tested');
    const open = model.summary.worstSlices[0]?.id === s.id ? ' open' : '';
    return `<details id="slice-${i}"${open}><summary><b>${e(s.id)}</b>: ${status} <span class="sub">(${rowsLine(s)})</span></summary>${featureTable(s, `s${i}`, isDrift)}${featureCards(s, `s${i}`, isDrift)}</details>`;
  }).join('');
}

function qualityTable(model: ReportModel): string {
  // Zero is a faint dash so that problems stand out; checks that do not apply to a type stay empty.
  const pct = (x: number, total: number, warn: boolean, applies = true): string =>
    !applies ? '<td></td>' : x === 0 ? '<td class="num sub">–</td>' : `<td class="num${warn ? ' warn' : ''}">${formatPercent(x, total)}</td>`;
  const rows = model.overall.features.map((f) => {
    const r = f.quality.reference;
    const c = f.quality.current;
    const numeric = f.type === 'numeric';
    const categorical = f.type === 'categorical';
    return `<tr><td>${e(f.name)}${f.pii ? ' <span class="sub">(pii)</span>' : ''}</td>${pct(r.missing, r.total, false)}${pct(c.missing, c.total, true)}` +
      `${pct(r.outOfRange, r.total, false, numeric)}${pct(c.outOfRange, c.total, true, numeric)}${pct(r.unseenCategory, r.total, false, categorical)}` +
      `${pct(c.unseenCategory, c.total, true, categorical)}${pct(c.wrongType, c.total, true)}</tr>`;
  });
  return `<table class="quality"><thead><tr><th rowspan="2">Feature</th><th colspan="2">Missing</th><th colspan="2">Out of range</th><th colspan="2">Unseen category</th><th>Wrong type</th></tr><tr><th>ref.</th><th>current</th><th>ref.</th><th>current</th><th>ref.</th><th>current</th><th>current</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The whole page. */
export function renderReportHtml(model: ReportModel): string {
  const st = model.settings;
  const meta = `Reference <b>${e(model.reference.source)}</b> (${formatCount(model.reference.rows)} rows) · current <b>${e(model.current.source)}</b> (${formatCount(model.current.rows)} rows) · generated ${e(model.generatedAt)}`;
  const settings = `Statistic chosen per feature as Evidently's data-drift preset does unless the spec names one · correction across features: ${e(st.correction)} at α = ${st.alpha} · slices need ${st.minSamples} rows on each side`;
  const prediction = model.prediction === undefined ? '' : `<section><h2>Prediction</h2>${featureTable(model.prediction, 'p')}${featureCards(model.prediction, 'p')}</section>`;
  const slices = model.slices.length === 0 ? '' : `<section><h2>Slices</h2><p class="sub">Value of each feature's statistic per slice; red = drift. Hover a cell for the statistic, open a slice for its charts.</p>${sliceMatrix(model)}${sliceDetails(model)}</section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drift report: ${e(model.modelId)}</title><style>${pageStyle}</style></head>
<body><header><h1>Drift report <span class="model">${e(model.modelId)}</span></h1><p class="meta">${meta}</p><p class="meta">${settings}</p></header>
${summary(model)}
<section><h2>Features (overall)</h2>${featureTable(model.overall, 'o')}${featureCards(model.overall, 'o')}</section>
${prediction}${slices}
<section><h2>Data quality</h2><p class="sub">Share of values per feature; the checks come from the monitor spec (ranges, allowed categories, types).</p>${qualityTable(model)}</section>
<footer>Driftline drift report. How to read it: docs/report.md. Values marked ≈ come from sketches or histograms (bounded error) rather than exact counts.</footer>
</body></html>
`;
}
