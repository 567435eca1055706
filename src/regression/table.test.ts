import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CSV_LIMITS, DataError, loadCsv, parseCsv, selectNumeric } from "./index.js";

/** Temp folders made here, removed after this file's tests (issue 18, item 5: no encryptai-* folders left behind). */
const tempFolders: string[] = [];
function tempFolder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempFolders) rmSync(d, { recursive: true, force: true });
});

const csv = `a,b,label,y
1,2,x,3
2,1,x,5
3,5,y,8
4,3,y,9
5,4,z,12
`;

describe("CSV tables and column selection", () => {
  it("parses a header and rows, and hashes the bytes", () => {
    const t = parseCsv(csv, "t.csv");
    expect(t.columns).toEqual(["a", "b", "label", "y"]);
    expect(t.rows).toHaveLength(5);
    expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
    const d = selectNumeric(t, ["a", "b"], "y");
    expect(Array.from(d.y)).toEqual([3, 5, 8, 9, 12]);
    expect(d.sourceRows).toEqual([2, 3, 4, 5, 6]);
  });
  it("names a misspelt column and suggests the right one", () => {
    const t = parseCsv(csv, "t.csv");
    expect(() => selectNumeric(t, ["a", "bb"], "y")).toThrow(/t.csv: no column "bb" — did you mean "b"\?/);
    expect(() => selectNumeric(t, ["a"], "Y")).toThrow(/did you mean "y"/);
    expect(() => selectNumeric(t, ["a", "zzz_unrelated"], "y")).toThrow(/no column "zzz_unrelated" \(columns: a, b, label, y\)/);
  });
  it("names the column and row of a non-numeric or missing value", () => {
    const t = parseCsv(csv, "t.csv");
    expect(() => selectNumeric(t, ["a", "label"], "y")).toThrow(/column "label" row 2: "x" is not a number/);
    const holes = parseCsv("a,y\n1,2\n2,\n3,4\n4,5\n5,7\n6,7\n", "h.csv");
    expect(() => selectNumeric(holes, ["a"], "y")).toThrow(/missing value in column "y" at row 3/);
    const d = selectNumeric(holes, ["a"], "y", { dropMissing: true });
    expect(d.dropped).toBe(1);
    expect(d.x).toHaveLength(5);
  });
  it("rejects too few rows, constant features, ragged rows, duplicate and empty headers, empty files", () => {
    expect(() => selectNumeric(parseCsv("a,y\n1,2\n2,3\n", "s.csv"), ["a"], "y")).toThrow(/2 usable rows, need at least 4/);
    expect(() => selectNumeric(parseCsv("a,b,y\n1,7,2\n2,7,3\n3,7,4\n4,7,4\n5,7,1\n", "c.csv"), ["a", "b"], "y")).toThrow(/feature "b" is constant \(7\)/);
    expect(() => parseCsv("a,y\n1,2\n3\n", "r.csv")).toThrow(/row 3 has 1 cells, the header has 2|CSV error/);
    expect(() => parseCsv("a,a\n1,2\n", "d.csv")).toThrow(/column "a" appears twice/);
    expect(() => parseCsv("   \n", "e.csv")).toThrow(/the file is empty/);
    expect(() => selectNumeric(parseCsv(csv, "t"), ["a", "y"], "y")).toThrow(/target "y" is also listed as a feature/);
  });
  it("reports an unreadable file as a DataError", () => {
    expect(() => loadCsv("/no/such/file.csv")).toThrow(DataError);
  });
});

describe("CSV caps (CSV_LIMITS), each refused by name", () => {
  it("a file over the byte cap is refused from its size, before it is read", () => {
    const path = join(tempFolder("csv-caps-"), "big.csv");
    writeFileSync(path, "");
    truncateSync(path, CSV_LIMITS.bytes + 1); // sparse: nothing is written or read
    expect(() => loadCsv(path)).toThrow(DataError);
    expect(() => loadCsv(path)).toThrow(`CSV file ${path} has ${CSV_LIMITS.bytes + 1} bytes, over the cap of ${CSV_LIMITS.bytes}`);
    expect(() => parseCsv(" ".repeat(CSV_LIMITS.bytes + 1), "t.csv")).toThrow(`t.csv: the text has ${CSV_LIMITS.bytes + 1} characters, over the cap of ${CSV_LIMITS.bytes}`);
  });
  it("a header wider than the column cap is refused before the rows are parsed", () => {
    const header = Array.from({ length: CSV_LIMITS.columns + 1 }, (_, i) => `c${i}`).join(",");
    expect(() => parseCsv(`${header}\n`, "wide.csv")).toThrow(`wide.csv: the header has ${CSV_LIMITS.columns + 1} columns, over the cap of ${CSV_LIMITS.columns}`);
    const atCap = Array.from({ length: CSV_LIMITS.columns }, (_, i) => `c${i}`).join(",");
    expect(parseCsv(`${atCap}\n`, "ok.csv").columns).toHaveLength(CSV_LIMITS.columns);
  });
  it("more rows than the cap are refused (the parser stops one row past it)", () => {
    const rows = (n: number) => `a\n${"1\n".repeat(n)}`;
    expect(() => parseCsv(rows(CSV_LIMITS.rows + 1), "tall.csv")).toThrow(`tall.csv: more than ${CSV_LIMITS.rows} data rows, over the cap`);
    expect(parseCsv(rows(CSV_LIMITS.rows), "ok.csv").rows).toHaveLength(CSV_LIMITS.rows);
  });
  it("a cell or a column name longer than the cap is refused, naming its row and column", () => {
    const long = "9".repeat(CSV_LIMITS.cellChars + 1);
    expect(() => parseCsv(`a,y\n1,2\n3,${long}\n`, "cell.csv")).toThrow(`cell.csv: row 3, column "y" has ${CSV_LIMITS.cellChars + 1} characters, over the cap of ${CSV_LIMITS.cellChars}`);
    expect(() => parseCsv(`a,${long}\n1,2\n`, "name.csv")).toThrow(`name.csv: column 2's name has ${CSV_LIMITS.cellChars + 1} characters, over the cap of ${CSV_LIMITS.cellChars}`);
  });
});
