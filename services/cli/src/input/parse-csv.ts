// CSV (RFC 4180: comma-separated, double-quoted fields with "" for a quote) into typed rows.
import type { FeatureType } from '@driftline/stats';

/**
 * Splits one CSV record into fields. Returns undefined when a quoted field is still open at the
 * end, i.e. the record continues on the next line (the caller appends that line and retries).
 */
export function splitCsvRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return undefined;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) { value += '"'; j = q + 2; continue; }
        j = q + 1;
        break;
      }
      fields.push(value);
      const comma = text.indexOf(',', j);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma < 0) { fields.push(text.slice(i)); return fields; }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** How a column's text becomes a value: by the feature type the monitor spec declares. */
export type CsvColumnType = FeatureType | 'text';

/**
 * One CSV cell as a typed value. Empty is missing (undefined). Numeric columns parse numbers
 * as JavaScript's Number does (other text stays a string, so the quality check reports a wrong type); boolean columns accept
 * true/false/1/0 in any case; categorical and text columns stay strings.
 */
export function toCsvValue(cell: string, type: CsvColumnType): unknown {
  if (cell === '') return undefined;
  switch (type) {
    case 'numeric': {
      const n = Number(cell); // NaN for text; 0 for blanks, hence the trim check
      return Number.isNaN(n) || (n === 0 && cell.trim() === '') ? cell : n;
    }
    case 'boolean': {
      const t = cell.trim().toLowerCase();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      return cell;
    }
    case 'categorical':
    case 'text':
      return cell;
  }
}
