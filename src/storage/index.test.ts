import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FsBlockstore, KuboStore, StorageError, openStore } from "./index.js";

describe("openStore", () => {
  it("opens Kubo when kuboUrl is set, else a local blockstore at dir", async () => {
    const dir = await mkdtemp(join(tmpdir(), "open-store-"));
    try {
      expect(openStore({ kuboUrl: "http://127.0.0.1:5001", dir })).toBeInstanceOf(KuboStore);
      const local = openStore({ dir });
      expect(local).toBeInstanceOf(FsBlockstore);
      const cid = await local.put(new TextEncoder().encode("proof"));
      expect(new TextDecoder().decode(await openStore({ dir }).get(cid))).toBe("proof");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("needs dir or kuboUrl", () => {
    expect(() => openStore({})).toThrow(StorageError);
    expect(() => openStore({ dir: "" })).toThrow(/needs `dir`/);
  });
});
