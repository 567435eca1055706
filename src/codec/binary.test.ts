// ByteReader.count (issue "Sound from model to payment", item 4): a declared element count is refused above its
// cap and when the elements cannot be present, before any caller allocates for them.
import { describe, expect, it } from "vitest";
import { ByteReader, ByteWriter } from "./binary.js";

class TestFormatError extends Error {}
const reader = (bytes: Uint8Array) =>
  new ByteReader(bytes, (m) => {
    throw new TestFormatError(m);
  }, "test file");

describe("ByteReader.count", () => {
  it("returns a count whose elements fit in the bytes left, exactly or with room", () => {
    const bytes = new ByteWriter().u32(3).bytes(new Uint8Array(24)).finish();
    expect(reader(bytes).count("xs count", 10, 8)).toBe(3);
    expect(reader(bytes).count("xs count", 10, 7)).toBe(3);
  });
  it("refuses a count above its cap, naming the field, the value and the cap", () => {
    const bytes = new ByteWriter().u32(11).bytes(new Uint8Array(100)).finish();
    expect(() => reader(bytes).count("xs count", 10, 1)).toThrow(TestFormatError);
    expect(() => reader(bytes).count("xs count", 10, 1)).toThrow("xs count = 11 exceeds 10");
  });
  it("refuses a count whose elements are not there: 2^24 eight-byte elements in 20 bytes", () => {
    const bytes = new ByteWriter().u32(1 << 24).bytes(new Uint8Array(20)).finish();
    expect(() => reader(bytes).count("xs count", 1 << 24, 8)).toThrow("test file is truncated: xs count = 16777216 needs at least 134217728 bytes (8 per element) at offset 4, 20 left");
    const oneShort = new ByteWriter().u32(3).bytes(new Uint8Array(23)).finish();
    expect(() => reader(oneShort).count("xs count", 10, 8)).toThrow(/needs at least 24 bytes .* 23 left/);
  });
  it("reports the bytes left as the reader advances", () => {
    const r = reader(new Uint8Array(10));
    r.u32("a");
    expect(r.left).toBe(6);
    expect(r.done).toBe(false);
  });
});
