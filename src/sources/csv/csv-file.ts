/**
 * Reading an uploaded CSV file into a header and records, each with the line it starts on.
 *
 * The whole file is held in memory (it arrives as one request body), so its size is bounded before
 * it is parsed: at most {@link MAX_CSV_BYTES} of UTF-8 and {@link MAX_CSV_ROWS} records besides the
 * header. csv-parse's synchronous parser is used on the bounded text; a malformed file (an unclosed
 * quote, a quote inside an unquoted field) is refused as a whole, naming the line.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { DirectoryValidationError } from '../../directory/errors.js';

/** The largest file accepted: 5 MiB of UTF-8 (about 25,000 rows of a dozen short columns). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** The most data rows (besides the header) accepted in one file. */
export const MAX_CSV_ROWS = 10_000;
/** The most columns a file may have. */
export const MAX_CSV_COLUMNS = 200;
/** The longest single record (a line, or several with quoted line breaks), in characters. */
export const MAX_CSV_RECORD_CHARS = 64 * 1024;

/** The field separators a file may use. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** One data row of the file. */
export interface CsvRecord {
  /** The line of the file the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

/** A parsed file: the header's column names and the data rows. */
export interface CsvFile {
  columns: string[];
  records: CsvRecord[];
}

function fileError(message: string): DirectoryValidationError {
  return DirectoryValidationError.field('csv', message);
}

/** Why a file is too large to import, or null when it is within {@link MAX_CSV_BYTES}. */
export function csvSizeProblem(text: string): string | null {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_CSV_BYTES) return null;
  return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; at most ${MAX_CSV_BYTES / 1024 / 1024} MiB can be imported at once. Split it into smaller files.`;
}

/**
 * Parse CSV text (a leading byte-order mark is ignored; empty lines are skipped). Throws a
 * validation error on `csv` when the file is too large, malformed, has no header, repeats a
 * column name, or has more rows or columns than the limits above.
 */
export function parseCsvFile(text: string, delimiter: CsvDelimiter = ','): CsvFile {
  const tooLarge = csvSizeProblem(text);
  if (tooLarge) throw fileError(tooLarge);
  let parsed: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    // With `info: true` each record comes as `{record, info}`; csv-parse's types do not say so.
    parsed = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_CSV_RECORD_CHARS,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) throw fileError(`The file is not valid CSV: ${error.message}.`);
    throw error;
  }
  const [header, ...rows] = parsed;
  if (!header) throw fileError('The file is empty: its first line must name the columns.');
  if (rows.length > MAX_CSV_ROWS) {
    throw fileError(
      `The file has ${rows.length} rows; at most ${MAX_CSV_ROWS} can be imported at once. Split it into smaller files.`,
    );
  }
  const columns = header.record.map((c) => c.trim());
  if (columns.length > MAX_CSV_COLUMNS) {
    throw fileError(`The file has ${columns.length} columns; at most ${MAX_CSV_COLUMNS} are supported.`);
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (column !== '' && seen.has(column)) {
      throw fileError(`The column "${column}" appears twice in the header: give each column its own name.`);
    }
    seen.add(column);
  }
  const records: CsvRecord[] = [];
  let previousEnd = header.info.lines;
  let previousEmpty = header.info.empty_lines;
  for (const { record, info } of rows) {
    // csv-parse reports the line a record ends on; it starts after the previous one and the empty
    // lines skipped since.
    records.push({ line: previousEnd + 1 + (info.empty_lines - previousEmpty), cells: record });
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
  return { columns, records };
}
