/**
 * Plain-text tables and number formatting for the CLI and reports.
 */

/** Renders rows as an aligned text table; numbers are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((r) => r.map((c) => (c === undefined || c === null ? "" : String(c))));
  const widths = headers.map((h, i) => Math.max([...h].length, ...cells.map((r) => [...(r[i] ?? "")].length)));
  const numeric = headers.map((_, i) => cells.every((r) => /^[-+≈~<>]?[0-9.,eE+^-]*[0-9]( ?[a-zA-Z%]*)?$|^$/.test(r[i] ?? "")));
  const pad = (s: string, i: number) => {
    const fill = " ".repeat(widths[i]! - [...s].length);
    return numeric[i] ? fill + s : s + fill;
  };
  const line = (r: readonly string[]) => r.map((c, i) => pad(c, i)).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** 1536 → "1.5 KiB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/** log2 value → "2^12.3". */
export function pow2(x: number, digits = 1): string {
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "0";
  return `2^${x.toFixed(digits)}`;
}

/** JSON with bigints as decimal strings and typed arrays as plain arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_, v) => (typeof v === "bigint" ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v === Infinity ? "Infinity" : v),
    2,
  );
}
