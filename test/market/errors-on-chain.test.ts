// A panic raised by a real contract reaches the user as a sentence (issue 12, item 4): a job whose node fee plus
// the model's per-use fee overflows uint256 makes JobManager.requestJob stop on Panic(0x11); before, the user read
// "Panic(17)".
import { MaxUint256, id } from "ethers";
import { describe, expect, it } from "vitest";
import { explain } from "../../src/market/errors.js";
import { EAI, now, publishPair, useWorld } from "./fixture.js";

const w = useWorld();

describe("reverts on chain", () => {
  it("raw Panic(17) reaches the user: an overflowing fee sum reads as arithmetic overflow (Panic 0x11)", async () => {
    const { modelId } = await publishPair(w);
    const call = w.user.jobs.getFunction("requestJob")(modelId, id("input"), "bafyinput", MaxUint256 - 1n, EAI(10), (await now(w)) + 600n, w.user.verifierAddress("stark"));
    const message = await call.then(() => "no revert", (e: unknown) => explain(e).message);
    expect(message).toBe("the contract stopped on arithmetic overflow or underflow (Panic 0x11)");
  });
});
