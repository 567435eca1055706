// Errors as sentences (issue 12, item 4): Solidity's panics, every custom error of every contract, and ethers'
// argument errors reach the user as a sentence that names what was wrong — never "Panic(17)" or a bare
// "value out-of-bounds". (A panic raised by a real contract: test/market/errors-on-chain.test.ts.)
import { AbiCoder, Contract, type ErrorFragment, Interface, Wallet, ZeroAddress, ZeroHash } from "ethers";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "./contracts.js";
import { MarketError, decodeRevert, explain, fallbackSentence, hasSentence, panicSentence } from "./errors.js";

const coder = AbiCoder.defaultAbiCoder();
const panic = (code: number) => `0x4e487b71${coder.encode(["uint256"], [code]).slice(2)}`;

describe("Solidity's built-in reverts", () => {
  it("raw Panic(17) reaches the user: a panic is a sentence with its code", () => {
    const e = decodeRevert(panic(0x11));
    expect(e).toBeInstanceOf(MarketError);
    expect(e!.message).toBe("the contract stopped on arithmetic overflow or underflow (Panic 0x11)");
    expect(e!.message).not.toMatch(/Panic\(17\)/);
    expect(e!.errorName).toBe("Panic");
    expect(decodeRevert(panic(0x12))!.message).toMatch(/division or modulo by zero \(Panic 0x12\)$/);
    expect(decodeRevert(panic(0x32))!.message).toMatch(/an array index out of bounds \(Panic 0x32\)$/);
    expect(decodeRevert(panic(0x01))!.message).toMatch(/an assertion failed \(Panic 0x01\)$/);
    expect(panicSentence(0x99)).toBe("the contract stopped on an unknown panic code (Panic 0x99)");
    expect(panicSentence(2n ** 200n)).toMatch(/an unknown panic code \(Panic 0x1[0]+\)/);
  });
  it("Error(string) from a require with a message is that message", () => {
    const data = `0x08c379a0${coder.encode(["string"], ["not allowed"]).slice(2)}`;
    expect(explain({ data }).message).toBe("the contract refused: not allowed");
  });
});

describe("custom errors", () => {
  const fragments = new Map<string, ErrorFragment>();
  for (const a of Object.values(ARTIFACTS)) for (const f of new Interface(a.abi as unknown as string[]).fragments) if (f.type === "error") fragments.set((f as ErrorFragment).name, f as ErrorFragment);
  const sample = (type: string): unknown => (type === "address" ? ZeroAddress : type === "bytes32" ? ZeroHash : type === "string" ? "x" : type === "bool" ? true : type.startsWith("bytes") ? "0x" : 1n);

  it("every custom error of every contract has a hand-written sentence", () => {
    expect(fragments.size).toBeGreaterThan(50);
    expect([...fragments.keys()].filter((n) => !hasSentence(n))).toEqual([]);
  });
  it("every custom error decodes to its sentence, not to Name(args)", () => {
    for (const [name, f] of fragments) {
      const data = new Interface([f]).encodeErrorResult(f, f.inputs.map((p) => sample(p.type)));
      const e = decodeRevert(data);
      expect(e?.errorName, name).toBe(name);
      expect(e!.message, name).not.toMatch(new RegExp(`^${name}\\(`));
    }
  });
  it("an error added to a contract later, without a sentence yet, still reads with its arguments named", () => {
    expect(fallbackSentence("StakeTooOld", [["jobId", 7n], ["since", 9n]])).toBe("the contract refused (StakeTooOld: stake too old; jobId = 7, since = 9)");
    expect(fallbackSentence("Paused", [])).toBe("the contract refused (Paused: paused)");
  });
});

describe("ethers' argument errors", () => {
  const jobs = new Contract(ZeroAddress.replace(/0$/, "1"), ARTIFACTS.JobManager.abi as unknown as string[], Wallet.createRandom());
  const request = (over: Record<string, unknown>) => {
    const a = { modelId: 1n, inputCommitment: `0x${"11".repeat(32)}`, cid: "bafy", nodeFee: 1n, maxUseFee: 1n, deadline: 2n, verifier: ZeroAddress, ...over };
    return jobs.getFunction("requestJob").populateTransaction(a.modelId, a.inputCommitment, a.cid, a.nodeFee, a.maxUseFee, a.deadline, a.verifier);
  };
  const sentence = async (p: Promise<unknown>) => p.then(() => "no error", (e: unknown) => explain(e).message);

  it("value out-of-bounds reaches the user: the sentence names the argument and its value", async () => {
    expect(await sentence(request({ deadline: 2n ** 70n }))).toBe('argument "deadline" = 1180591620717411303424 is out of range for its Solidity type (value out-of-bounds)');
    expect(await sentence(request({ modelId: -1n }))).toBe('argument "modelId" = -1 is out of range for its Solidity type (value out-of-bounds)');
  });
  it("a hash of the wrong length names the argument", async () => {
    expect(await sentence(request({ inputCommitment: "0x1234" }))).toBe('argument "inputCommitment" = 0x1234 has the wrong length for its Solidity type (incorrect data length)');
  });
});
