import { describe, expect, it } from 'vitest';
import { splitCsvRecord, toCsvValue } from '../../src/input/parse-csv.ts';

describe('splitCsvRecord', () => {
  it('splits plain and quoted fields, with "" as a quote and commas inside quotes', () => {
    expect(splitCsvRecord('a,"b,c","say ""hi""",,d')).toEqual(['a', 'b,c', 'say "hi"', '', 'd']);
  });

  it('returns undefined while a quoted field is still open (the record continues on the next line)', () => {
    expect(splitCsvRecord('1,"two')).toBeUndefined();
    expect(splitCsvRecord('1,"two\nlines",3')).toEqual(['1', 'two\nlines', '3']);
  });

  it('keeps a trailing empty field', () => {
    expect(splitCsvRecord('a,')).toEqual(['a', '']);
  });
});

describe('toCsvValue', () => {
  it('types cells by the feature type, empty as missing', () => {
    expect(toCsvValue('41.5', 'numeric')).toBe(41.5);
    expect(toCsvValue('-1e3', 'numeric')).toBe(-1000);
    expect(toCsvValue('n/a', 'numeric')).toBe('n/a');
    expect(toCsvValue(' ', 'numeric')).toBe(' ');
    expect(toCsvValue('', 'numeric')).toBeUndefined();
    expect(toCsvValue('TRUE', 'boolean')).toBe(true);
    expect(toCsvValue('0', 'boolean')).toBe(false);
    expect(toCsvValue('42', 'categorical')).toBe('42');
  });
});
