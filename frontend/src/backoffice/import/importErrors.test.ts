import { describe, expect, it } from 'vitest';
import { fileProblem, formatBytes, importProblems } from './importErrors';

describe('importProblems', () => {
  it('puts cells in a table sorted by row, keeping each row’s column order, and file problems apart', () => {
    const result = importProblems([
      { field: 'rows[12].price', message: 'must be a decimal like 12.99' },
      { field: 'rows[3].sku', message: 'is the same as row 2’s' },
      { field: 'rows[12].audience', message: 'must be b2c, b2b or both' },
      { field: 'file', message: 'has no product rows' },
      { field: 'rows[7]', message: 'is not valid CSV: extraneous quote' },
      { field: 'rows[100].category', message: 'is not a category slug' },
    ]);
    expect(result.rows).toEqual([
      { row: 3, column: 'sku', message: 'Is the same as row 2’s.' },
      { row: 7, column: '', message: 'Is not valid CSV: extraneous quote.' },
      { row: 12, column: 'price', message: 'Must be a decimal like 12.99.' },
      { row: 12, column: 'audience', message: 'Must be b2c, b2b or both.' },
      { row: 100, column: 'category', message: 'Is not a category slug.' },
    ]);
    expect(result.general).toEqual(['The file has no product rows.']);
  });

  it('sorts rows as numbers, not text', () => {
    const rows = importProblems([
      { field: 'rows[10].name', message: 'x' },
      { field: 'rows[9].name', message: 'x' },
      { field: 'rows[2].name', message: 'x' },
    ]).rows.map((r) => r.row);
    expect(rows).toEqual([2, 9, 10]);
  });
});

describe('fileProblem', () => {
  it('takes CSV files and refuses others, empty and oversize ones', () => {
    expect(fileProblem({ name: 'products.csv', type: '', size: 10 })).toBeUndefined();
    expect(fileProblem({ name: 'export', type: 'text/csv', size: 10 })).toBeUndefined();
    expect(fileProblem({ name: 'products.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 10 })).toMatch(/not a CSV file/);
    expect(fileProblem({ name: 'products.csv', type: 'text/csv', size: 0 })).toMatch(/empty/);
    expect(fileProblem({ name: 'products.csv', type: 'text/csv', size: 17 * 1024 * 1024 })).toMatch(/larger than 16 MB/);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });
});
