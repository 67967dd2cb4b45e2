// Streams a CSV or JSONL file into row batches (typed columns), one batch at a time.
import { forEachCsvBatch } from './csv-batches.ts';
import { forEachRow } from './read-rows.ts';
import type { ReadRowsOptions, ReadSummary } from './read-rows.ts';
import { appendInputRow, clearRowBatch, commitRow, flushRowBatch } from './row-batch.ts';
import type { RowBatch } from './row-batch.ts';

/**
 * Calls `onBatch` with each full batch of `file`'s records and with the last one, in file order;
 * the batch is emptied after each call. Same records and bad-line reports as `forEachRow`.
 */
export async function forEachBatch(file: string, options: ReadRowsOptions & { readonly batch: RowBatch }, onBatch: (batch: RowBatch) => void): Promise<ReadSummary> {
  const { batch } = options;
  if (options.format === 'csv') return forEachCsvBatch(file, options, onBatch);
  clearRowBatch(batch);
  const summary = await forEachRow(file, options, (row) => {
    appendInputRow(batch, row);
    commitRow(batch, onBatch);
  });
  flushRowBatch(batch, onBatch);
  return summary;
}
