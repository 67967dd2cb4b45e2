import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape-html.ts';
import { renderReportHtml } from '../../src/report/html-page.ts';
import type { ReportModel } from '../../src/report/report-model.ts';
import { renderChartSvg } from '../../src/report/svg-charts.ts';

const hostile = '<script>alert("x")</script>';

function toHostileModel(): ReportModel {
  const quality = { total: 10, ok: 9, missing: 1, wrongType: 0, outOfRange: 0, unseenCategory: 0 };
  const feature = {
    name: hostile, type: 'categorical' as const, pii: false, verdict: 'drift' as const,
    drift: { method: 'jensenshannon' as const, methodSource: 'auto' as const, score: 0.4, statistic: 0.4, pValue: false, threshold: 0.1, rule: 'gte' as const, approximate: false },
    quality: { reference: quality, current: quality },
    chart: { kind: 'bars' as const, labels: ['"><img src=x onerror=alert(1)>', "it's & <b>"], reference: [5, 5], current: [9, 1] },
  };
  const slice = { id: `region=${hostile}`, referenceRows: 10, currentRows: 10, tested: true, features: [feature], drifted: 1, testedFeatures: 1 };
  return {
    kind: 'driftline-report', version: 1, modelId: '<b>model</b>', generatedAt: '2026-11-27T10:00:00.000Z',
    reference: { source: '<ref>.jsonl', rows: 10 }, current: { source: 'cur&.jsonl', rows: 10 },
    settings: { correction: 'none', alpha: 0.05, minSamples: 1 },
    summary: { driftedFeatures: [hostile], testedFeatures: 1, slicesTested: 1, slicesWithDrift: 1, worstSlices: [{ id: slice.id, drifted: 1, tested: 1, currentRows: 10 }], predictionDrift: undefined, qualityProblems: 1 },
    overall: { ...slice, id: 'overall' }, prediction: undefined, slices: [slice],
  };
}

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('renderReportHtml', () => {
  it('never lets feature names, slice values, categories or file names become markup', () => {
    const html = renderReportHtml(toHostileModel());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>model</b>');
    expect(html).not.toContain('<ref>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('it&#39;s &amp; &lt;b&gt;');
  });

  it('loads nothing from outside the page', () => {
    const html = renderReportHtml(toHostileModel());
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });
});

describe('renderChartSvg', () => {
  it('draws one reference and one current bar per histogram cell that has values', () => {
    const svg = renderChartSvg({ kind: 'histogram', edges: [0, 1, 2, 3], reference: [0, 5, 5, 5, 0], current: [2, 1, 5, 9, 0] }, 'x');
    const bars = svg.match(/<rect [^>]*><title>/g) ?? [];
    expect(bars).toHaveLength(8); // 3 bins + the underflow cell, each with two bars
    expect(svg).toContain('below 0 (reference minimum): reference 0 %, current 12 %');
    expect(svg).not.toContain('shortened'); // three equal bins: nothing to shorten
  });

  it('shortens a long tail of a fine histogram and says so', () => {
    const edges = [0, 1, 2, 3, 4, 5, 6, 100];
    const svg = renderChartSvg({ kind: 'histogram', edges, reference: [0, 1, 1, 1, 1, 1, 1, 1, 0], current: [0, 1, 1, 1, 1, 1, 1, 1, 0] }, 'x');
    expect(svg).toContain('long tails drawn shortened');
    expect(svg).toContain('>100</text>');
  });
});
