// Renders a generated report in headless Chromium and checks a real picture comes out. Needs the
// Debian `chromium` package (/usr/bin/chromium); skips itself, saying so, when it is absent.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html-page.ts';
import { toSampleReport, toSampleRows } from './sample-data.ts';

const chromium = '/usr/bin/chromium';
const present = existsSync(chromium);
if (!present) process.stderr.write(`report-screenshot.test.ts: SKIPPED: ${chromium} is absent (apt-get install -y chromium)\n`);

function toHtml(): string {
  const model = toSampleReport({ reference: toSampleRows({ n: 3000, seed: 1 }), current: toSampleRows({ n: 2000, seed: 2, shiftIncome: 1.5 }), bins: 20 });
  return renderReportHtml(model);
}

/** Width and height from a PNG's IHDR chunk. */
function toPngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(!present)('report page in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftline-report-'));
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('renders a non-trivial screenshot', async () => {
    // Arrange
    const page = join(dir, 'report.html');
    const png = join(dir, 'report.png');
    writeFileSync(page, toHtml());
    // Act
    await promisify(execFile)(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, `--screenshot=${png}`,
      '--window-size=1280,2000', `file://${page}`,
    ], { timeout: 60_000 });
    // Assert: the right size, and far more than a blank page compresses to (a white 1280×2000 PNG is ~10 kB).
    const bytes = readFileSync(png);
    expect(toPngSize(bytes)).toEqual({ width: 1280, height: 2000 });
    expect(statSync(png).size).toBeGreaterThan(60_000);
  }, 90_000);
});
