/**
 * Tabular data for the regression lab: CSV parsing (papaparse), content hashes, and selecting numeric
 * feature and target columns with clear errors (misspelt column with a suggestion, non-numeric or missing
 * value with its row, too few rows, constant feature). A CSV may come from someone else: CSV_LIMITS bound its
 * size (before parsing), its header's columns (before the rows are parsed), its rows (the parser stops past the
 * cap) and every cell's length (issue "Sound from model to payment", item 4).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import Papa from "papaparse";
import { DataError } from "./errors.js";

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  /** Cells as text, row-major; "" is a missing value. */
  readonly rows: readonly (readonly string[])[];
  /** SHA-256 of the source bytes (hex). */
  readonly sha256: string;
}

/** Caps on a CSV table, each refused with a DataError naming it. */
export const CSV_LIMITS = Object.freeze({
  /** Bytes of a file (checked before it is read) and characters of a text (before it is parsed): 16 MiB. */
  bytes: 16 << 20,
  /** Data rows: 2^18 = 262 144 (the built-in data sets have about 400). */
  rows: 1 << 18,
  /** Columns: 1024 (so at most 1024 features, as many as a model file or manifest may carry). */
  columns: 1024,
  /** Characters of one cell or column name: 256. */
  cellChars: 256,
});

/** Parses CSV text with a header row. */
export function parseCsv(text: string, name: string): Table {
  if (text.length > CSV_LIMITS.bytes) throw new DataError(`${name}: the text has ${text.length} characters, over the cap of ${CSV_LIMITS.bytes}`);
  if (text.trim() === "") throw new DataError(`${name}: the file is empty`);
  const body = text.replace(/^\uFEFF/, "");
  const width = Papa.parse<string[]>(body, { skipEmptyLines: true, preview: 1 }).data[0]?.length ?? 0;
  if (width > CSV_LIMITS.columns) throw new DataError(`${name}: the header has ${width} columns, over the cap of ${CSV_LIMITS.columns}`);
  // the parser stops one row past the cap
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: true, preview: CSV_LIMITS.rows + 2 });
  const bad = parsed.errors.find((e) => e.type !== "Delimiter");
  if (bad) throw new DataError(`${name}: CSV error at data row ${(bad.row ?? 0) + 1}: ${bad.message}`);
  const [header, ...rows] = parsed.data;
  if (!header || header.length === 0) throw new DataError(`${name}: no header row`);
  if (rows.length > CSV_LIMITS.rows) throw new DataError(`${name}: more than ${CSV_LIMITS.rows} data rows, over the cap`);
  const long = (cells: readonly string[]) => cells.findIndex((c) => c.length > CSV_LIMITS.cellChars);
  if (long(header) >= 0) throw new DataError(`${name}: column ${long(header) + 1}'s name has ${header[long(header)]!.length} characters, over the cap of ${CSV_LIMITS.cellChars}`);
  const columns = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (c === "") throw new DataError(`${name}: a column has an empty name`);
    if (seen.has(c)) throw new DataError(`${name}: column "${c}" appears twice`);
    seen.add(c);
  }
  rows.forEach((r, i) => {
    if (r.length !== columns.length)
      throw new DataError(`${name}: row ${i + 2} has ${r.length} cells, the header has ${columns.length}`);
    const at = long(r);
    if (at >= 0) throw new DataError(`${name}: row ${i + 2}, column "${columns[at]}" has ${r[at]!.length} characters, over the cap of ${CSV_LIMITS.cellChars}`);
  });
  return { name, columns, rows, sha256: bytesToHex(sha256(new TextEncoder().encode(text))) };
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** Index of a column, or a DataError that suggests the closest name. */
export function columnIndex(table: Table, column: string): number {
  const i = table.columns.indexOf(column);
  if (i >= 0) return i;
  const ranked = [...table.columns].sort((x, y) => editDistance(column.toLowerCase(), x.toLowerCase()) - editDistance(column.toLowerCase(), y.toLowerCase()));
  const hint = ranked[0] !== undefined && editDistance(column.toLowerCase(), ranked[0].toLowerCase()) <= Math.max(2, column.length / 3) ? ` — did you mean "${ranked[0]}"?` : "";
  throw new DataError(`${table.name}: no column "${column}"${hint} (columns: ${table.columns.join(", ")})`);
}

export interface NumericData {
  readonly features: readonly string[];
  readonly target: string;
  /** Row-major feature matrix: rows × features. */
  readonly x: readonly Float64Array[];
  readonly y: Float64Array;
  /** Data rows (1-based, as in the file after the header) that were kept. */
  readonly sourceRows: readonly number[];
  /** Rows dropped for a missing value in a selected column. */
  readonly dropped: number;
}

export interface SelectOptions {
  /** Drop rows with a missing value in a selected column instead of failing. */
  readonly dropMissing?: boolean;
  /** Fewest rows required (default: features + 3). */
  readonly minRows?: number;
  /** Reject constant feature columns (default true: training needs variation; prediction does not). */
  readonly rejectConstant?: boolean;
}

/** Selects numeric columns; every problem names its column and row. */
export function selectNumeric(table: Table, features: readonly string[], target: string, options: SelectOptions = {}): NumericData {
  if (features.length === 0) throw new DataError(`${table.name}: no feature columns given`);
  if (features.includes(target)) throw new DataError(`${table.name}: the target "${target}" is also listed as a feature`);
  const dup = features.find((f, i) => features.indexOf(f) !== i);
  if (dup !== undefined) throw new DataError(`${table.name}: feature "${dup}" is listed twice`);
  const fi = features.map((f) => columnIndex(table, f));
  const ti = columnIndex(table, target);
  const x: Float64Array[] = [];
  const y: number[] = [];
  const sourceRows: number[] = [];
  let dropped = 0;
  table.rows.forEach((row, r) => {
    const cells = [...fi, ti].map((c) => row[c]!.trim());
    const missing = cells.findIndex((c) => c === "" || /^(na|nan|null)$/i.test(c));
    if (missing >= 0) {
      if (options.dropMissing) {
        dropped++;
        return;
      }
      const col = missing < fi.length ? features[missing]! : target;
      throw new DataError(`${table.name}: missing value in column "${col}" at row ${r + 2} (use --drop-missing to skip such rows)`);
    }
    const nums = cells.map((c, k) => {
      const v = Number(c);
      if (!Number.isFinite(v))
        throw new DataError(`${table.name}: column "${k < fi.length ? features[k] : target}" row ${r + 2}: "${c}" is not a number`);
      return v;
    });
    x.push(Float64Array.from(nums.slice(0, fi.length)));
    y.push(nums[fi.length]!);
    sourceRows.push(r + 2);
  });
  const minRows = options.minRows ?? features.length + 3;
  if (x.length < minRows)
    throw new DataError(`${table.name}: ${x.length} usable rows, need at least ${minRows} for ${features.length} feature(s)`);
  if (options.rejectConstant !== false) features.forEach((f, k) => {
    const first = x[0]![k]!;
    if (x.every((row) => row[k] === first)) throw new DataError(`${table.name}: feature "${f}" is constant (${first}) and carries no information`);
  });
  return { features: [...features], target, x, y: Float64Array.from(y), sourceRows, dropped };
}

/**
 * The feature columns alone, for rows without a target (prediction): every column is looked up in the table as
 * given (an unknown one is named with the table's real columns); rows with a missing feature are dropped when
 * `dropMissing`. `y` is all zeros.
 */
export function selectFeatures(table: Table, features: readonly string[], options: SelectOptions = {}): NumericData {
  features.forEach((f) => columnIndex(table, f));
  const none = "\u0000no target";
  const withDummy: Table = { ...table, columns: [...table.columns, none], rows: table.rows.map((r) => [...r, "0"]) };
  return { ...selectNumeric(withDummy, features, none, options), target: "" };
}

/** Rows as records (numbers where a cell parses as one, null for missing) — e.g. for `new dfd.DataFrame(…)`. */
export function tableRecords(table: Table, columns: readonly string[] = table.columns): Record<string, number | string | null>[] {
  const idx = columns.map((c) => columnIndex(table, c));
  return table.rows.map((row) =>
    Object.fromEntries(
      idx.map((i, k) => {
        const cell = row[i]!.trim();
        const v = Number(cell);
        return [columns[k]!, cell === "" ? null : Number.isFinite(v) ? v : cell];
      }),
    ),
  );
}
