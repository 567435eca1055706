// The store gateway against the client the browser uses (KuboStore): round trips of small and chunked blobs,
// absent blocks, and hostile requests (oversized body, wrong method, a forged codec, no file part).
import { mkdtempSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsBlockstore } from "./fs-blockstore.js";
import { handleGateway } from "./gateway.js";
import { KuboStore } from "./kubo.js";
import { MAX_BLOCK_BYTES } from "./limits.js";
import { NotFoundError, StorageError } from "./store.js";
import { pattern } from "./testing.js";

let dir: string;
let server: Server;
let url: string;
let backing: FsBlockstore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "encryptai-gateway-"));
  backing = new FsBlockstore(dir);
  server = createServer((req, res) => {
    void handleGateway(backing, req, res).then((answered) => {
      if (!answered) {
        res.writeHead(404);
        res.end("not the gateway");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${url}${path}`, { method: "POST", ...init });

describe("store gateway (Kubo RPC subset over the embedded store)", () => {
  it("round-trips a small blob through KuboStore and writes it to the backing store", async () => {
    const client = new KuboStore(url);
    const bytes = new TextEncoder().encode("an LWE ciphertext file, in spirit");
    const cid = await client.put(bytes);
    expect(Array.from(await client.get(cid))).toEqual(Array.from(bytes));
    expect(Array.from(await backing.get(cid))).toEqual(Array.from(bytes));
    expect(await client.has(cid)).toBe(true);
  });

  it("round-trips a chunked blob (over one block: a json manifest and raw chunks)", async () => {
    const client = new KuboStore(url);
    const bytes = pattern(MAX_BLOCK_BYTES + 12345, 7);
    const cid = await client.put(bytes);
    expect(cid.startsWith("bagaaiera")).toBe(true); // json codec root
    const back = await client.get(cid);
    expect(back.length).toBe(bytes.length);
    expect(back.every((b, i) => b === bytes[i])).toBe(true);
  });

  it("answers an absent block as not found (the client's NotFoundError), and has() as false", async () => {
    const client = new KuboStore(url);
    const absent = (await new KuboStore(url).put(new Uint8Array([1, 2, 3]))).replace(/.$/, (c) => (c === "a" ? "b" : "a"));
    await expect(client.get(absent)).rejects.toThrow(StorageError);
    const other = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    await expect(client.get(other)).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.has(other)).toBe(false);
  });

  it("refuses a body over one block's cap before parsing it (declared size)", async () => {
    const res = await post("/api/v0/block/put", { headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_BLOCK_BYTES * 4) }, body: new Uint8Array(16) }).catch((e: Error) => e);
    // the server refuses on the declared length; fetch may see the answer or a reset connection, never a stored block
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(((await res.json()) as { Message: string }).Message).toMatch(/over the cap/);
    }
  });

  it("refuses a streamed body over the cap", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(MAX_BLOCK_BYTES + 64 * 1024)]), "block");
    const res = await post("/api/v0/block/put", { body: form }).catch((e: Error) => e);
    if (res instanceof Response) expect(res.status).toBe(413);
  });

  it("refuses GET (a link or image cannot write), an unknown command, an unknown codec and a body without a file", async () => {
    const get = await fetch(`${url}/api/v0/block/get?arg=bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy`);
    expect(get.status).toBe(405);
    expect((await post("/api/v0/pin/rm")).status).toBe(404);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([1])]), "block");
    const badCodec = await post("/api/v0/block/put?cid-codec=dag-pb", { body: form });
    expect(badCodec.status).toBe(400);
    expect(((await badCodec.json()) as { Message: string }).Message).toMatch(/cid-codec "dag-pb"/);
    const noFile = new FormData();
    noFile.append("text", "not a file");
    const res = await post("/api/v0/block/put", { body: noFile });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { Message: string }).Message).toMatch(/exactly one file part/);
  });

  it("computes the CID itself: a request cannot name the CID its bytes are stored under", async () => {
    const form = new FormData();
    form.append("file", new Blob([new TextEncoder().encode("mine")]), "block");
    const res = await post("/api/v0/block/put?arg=bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", { body: form });
    const { Key } = (await res.json()) as { Key: string };
    expect(Key).not.toBe("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    expect(new TextDecoder().decode(await backing.get(Key))).toBe("mine");
  });
});
