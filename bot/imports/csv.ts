// CSV reading with line numbers, on csv-parse. Header names are trimmed and lower-cased.
import { parse } from 'csv-parse/sync';
import { ImportError } from './import-error.js';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export function readCsv(file: string, content: string, requiredColumns: readonly string[]): CsvRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(content.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new ImportError([{ file, line: e.lines, field: undefined, message: `not valid CSV: ${e.message}` }]);
  }
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) throw new ImportError([{ file, line: 1, field: undefined, message: 'the file is empty' }]);
  const columns = headerRow.record.map((h) => h.trim().toLowerCase());
  const missing = requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    const message = `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
    throw new ImportError([{ file, line: headerRow.info.lines, field: undefined, message }]);
  }
  // info.lines is the line on which the record ends: its own line for single-line records.
  return dataRows.map((r) => ({
    line: r.info.lines,
    values: Object.fromEntries(columns.map((c, i) => [c, r.record[i] ?? ''])),
  }));
}
