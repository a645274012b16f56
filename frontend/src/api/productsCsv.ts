import { api, type Schemas } from './client';
import { request } from './errors';

/**
 * Products as CSV (back office): export every product, and import a file
 * that creates or updates products by SKU. An import checks every row first;
 * if any is wrong nothing is written and the 422 names each bad cell as
 * `rows[N].column` (N as a spreadsheet numbers rows; the header is row 1).
 */
export type ImportResult = Schemas['catalog.ImportResult'];

/** The export as a file (the request carries the session's token, so a plain link would not do). */
export function fetchProductsCsv(): Promise<Blob> {
  return request(() => api.GET('/api/v1/admin/products/export', { parseAs: 'blob' }));
}

/**
 * Sends the file's bytes as they are, as a text/csv body (the API also takes
 * multipart); `dryRun` only checks it.
 */
export function importProductsCsv(file: Blob, dryRun: boolean): Promise<ImportResult> {
  return request(() =>
    api.POST('/api/v1/admin/products/import', {
      params: { query: dryRun ? { dry_run: true } : {} },
      // The generated type describes the multipart form; this sends the same CSV as the body.
      body: {},
      bodySerializer: () => file,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}
