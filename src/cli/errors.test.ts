// The CLI's error → exit code mapping (issue 18, item 5): one "error:" prefix, usage 2, runtime 3.
import { describe, expect, it } from "vitest";
import { ChainError } from "../chain/anvil.js";
import { MarketError } from "../market/errors.js";
import { CliUsageError, EXIT, describeError } from "./errors.js";

describe("describeError", () => {
  it('"error: error:" (a message carrying its own prefix) prints one prefix', () => {
    expect(describeError(new CliUsageError("error: --port 0 is bad"))).toEqual({ text: "error: --port 0 is bad\n", code: EXIT.usage });
    expect(describeError(new ChainError("Error: error: anvil did not answer on http://127.0.0.1:1 within 10 ms")).text).toBe("error: anvil did not answer on http://127.0.0.1:1 within 10 ms\n");
    expect(describeError(new Error("error: boom")).text).toMatch(/^internal error: boom\n/);
  });
  it("bad input is 2; an unreachable chain, a network errno and an internal error are 3", () => {
    expect(describeError(new MarketError("price rose above your max price (PriceAboveMax)")).code).toBe(2);
    expect(describeError(new MarketError("cannot reach the RPC endpoint http://127.0.0.1:9: fetch failed")).code).toBe(3);
    expect(describeError(new ChainError("the mnemonic is not a valid BIP-39 phrase")).code).toBe(2);
    expect(describeError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", syscall: "connect" })).code).toBe(3);
    expect(describeError(Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT", syscall: "open" })).code).toBe(2);
    expect(describeError(new TypeError("x is undefined")).code).toBe(3);
  });
});
