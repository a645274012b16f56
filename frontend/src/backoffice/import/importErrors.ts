import { sentence } from '../../api/errors';

/** One bad cell (or row) of an imported file. */
export interface RowError {
  /** As a spreadsheet numbers rows: the header is row 1. */
  row: number;
  /** The column's name; '' when the whole row is wrong (e.g. not valid CSV). */
  column: string;
  message: string;
}

export interface ImportProblems {
  /** Sorted by row; a row's errors keep the server's (column) order. */
  rows: RowError[];
  /** Problems with the file as a whole ("The file is empty…"). */
  general: string[];
}

const rowField = /^rows\[(\d+)\](?:\.(.+))?$/;

/** A 422's `errors` (`rows[N].column`, `rows[N]`, `file`) as table rows and general sentences. */
export function importProblems(errors: readonly { field: string; message: string }[]): ImportProblems {
  const rows: RowError[] = [];
  const general: string[] = [];
  for (const { field, message } of errors) {
    const m = rowField.exec(field);
    if (m) {
      rows.push({ row: Number(m[1]), column: m[2] ?? '', message: sentence(message) });
    } else if (field === 'file') {
      general.push(sentence(`The file ${message}`));
    } else {
      general.push(sentence(`${field} ${message}`));
    }
  }
  // Array.prototype.sort is stable: within a row the server's order stays.
  rows.sort((a, b) => a.row - b.row);
  return { rows, general };
}

/** The largest file the server takes (16 MiB). */
export const maxImportBytes = 16 << 20;

const csvTypes = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel']);

/** Why a chosen file cannot be sent, or undefined when it can. */
export function fileProblem(file: { name: string; type: string; size: number }): string | undefined {
  if (!file.name.toLowerCase().endsWith('.csv') && !csvTypes.has(file.type)) {
    return `${file.name} is not a CSV file. In your spreadsheet, use Save as or Download as → CSV, then choose that file.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > maxImportBytes) return `${file.name} is larger than 16 MB: split it into smaller files.`;
  return undefined;
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}
