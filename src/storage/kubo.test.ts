import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { encodeBlob } from "./blob.js";
import { MAX_BLOCK_BYTES } from "./limits.js";
import { type BlockCodec, JSON_CODEC, RAW_CODEC, cidOf } from "./cid.js";
import { KuboStore } from "./kubo.js";
import { CorruptBlockError, InvalidCidError, NotFoundError, StorageError } from "./store.js";
import { expectSameBytes, pattern } from "./testing.js";

/** How the fake daemon misbehaves, if at all. */
interface FakeKuboOptions {
  /** block/get answers with these bytes instead of the stored block. */
  readonly wrongBytes?: Uint8Array;
  /** block/put answers with this CID instead of the block's. */
  readonly wrongKey?: string;
  /** block/get answers with this many bytes of junk. */
  readonly flood?: number;
  /** block/get answers HTTP 500 with this many bytes of junk. */
  readonly errorFlood?: number;
}

interface FakeKubo {
  readonly url: string;
  readonly blocks: Map<string, Uint8Array>;
  readonly requests: URL[];
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** The first file part of a multipart/form-data body (minimal parser: enough for one part). */
function firstPart(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error(`no multipart boundary in ${contentType}`);
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const start = body.indexOf(delimiter);
  const headersEnd = body.indexOf("\r\n\r\n", start);
  const end = body.indexOf(`\r\n${delimiter}`, headersEnd + 4);
  if (start < 0 || headersEnd < 0 || end < 0) throw new Error("malformed multipart body");
  return body.subarray(headersEnd + 4, end);
}

/** A fake Kubo RPC daemon on 127.0.0.1 (port 0) implementing block/put, block/get and block/stat like Kubo. */
async function startFakeKubo(options: FakeKuboOptions = {}): Promise<FakeKubo> {
  const blocks = new Map<string, Uint8Array>();
  const requests: URL[] = [];
  const fail = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ Message: message, Code: 0, Type: "error" }));
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      requests.push(url);
      if (req.method !== "POST") return fail(res, 405, "405 - Method Not Allowed");
      const body = await readAll(req);
      const arg = url.searchParams.get("arg") ?? "";
      switch (url.pathname) {
        case "/api/v0/block/put": {
          const bytes = firstPart(body, req.headers["content-type"] ?? "");
          const codec: BlockCodec = url.searchParams.get("cid-codec") === "json" ? JSON_CODEC : RAW_CODEC;
          const cid = cidOf(bytes, codec).toString();
          blocks.set(cid, new Uint8Array(bytes));
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(JSON.stringify({ Key: options.wrongKey ?? cid, Size: bytes.length }));
        }
        case "/api/v0/block/get": {
          const bytes = blocks.get(arg);
          if (!bytes) return fail(res, 500, `block was not found locally (offline): ipld: could not find ${arg}`);
          if (options.errorFlood) return res.writeHead(500, { "content-type": "text/plain" }).end(Buffer.alloc(options.errorFlood, 0x62));
          res.writeHead(200, { "content-type": "text/plain" });
          if (options.flood) return res.end(Buffer.alloc(options.flood, 0x61));
          return res.end(options.wrongBytes ?? bytes);
        }
        case "/api/v0/block/stat": {
          const bytes = blocks.get(arg);
          if (!bytes) return fail(res, 500, `block was not found locally (offline): ipld: could not find ${arg}`);
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(JSON.stringify({ Key: arg, Size: bytes.length }));
        }
        default:
          return fail(res, 404, `404 page not found`);
      }
    })().catch((e: unknown) => fail(res, 500, String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    blocks,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A URL where nothing listens: a port the OS just gave out and that is closed again. */
async function closedPortUrl(): Promise<string> {
  const fake = await startFakeKubo();
  await fake.close();
  return fake.url;
}

const running: FakeKubo[] = [];
async function fake(options: FakeKuboOptions = {}): Promise<FakeKubo> {
  const kubo = await startFakeKubo(options);
  running.push(kubo);
  return kubo;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((k) => k.close()));
});

describe("KuboStore", () => {
  it("round-trips a small blob, exactly 1 MiB, and 2.5 MiB (chunked)", async () => {
    const kubo = await fake();
    const store = new KuboStore({ url: kubo.url });
    for (const n of [0, 42, MAX_BLOCK_BYTES, 2.5 * MAX_BLOCK_BYTES]) {
      const data = pattern(n, n % 11);
      const cid = await store.put(data);
      expect(cid).toBe(encodeBlob(data).root.toString());
      expectSameBytes(await store.get(cid), data);
      expect(await store.has(cid)).toBe(true);
    }
  });

  it("sends the documented block/put parameters: raw chunks, a json manifest, sha2-256, pinned", async () => {
    const kubo = await fake();
    await new KuboStore(kubo.url).put(pattern(2 * MAX_BLOCK_BYTES + 1));
    const puts = kubo.requests.filter((u) => u.pathname === "/api/v0/block/put");
    expect(puts.map((u) => u.searchParams.get("cid-codec"))).toEqual(["raw", "raw", "raw", "json"]);
    for (const u of puts) expect([u.searchParams.get("mhtype"), u.searchParams.get("pin")]).toEqual(["sha2-256", "true"]);
    expect(kubo.blocks.size).toBe(4);
  });

  it("is idempotent and answers an unknown CID with has=false / NotFoundError", async () => {
    const kubo = await fake();
    const store = new KuboStore({ url: `${kubo.url}/`, pin: false });
    const data = pattern(500);
    expect(await store.put(data)).toBe(await store.put(data));
    const absent = cidOf(pattern(9)).toString();
    expect(await store.has(absent)).toBe(false);
    await expect(store.get(absent)).rejects.toThrow(NotFoundError);
    await expect(store.get(absent)).rejects.toThrow(`block ${absent} not found in Kubo node ${kubo.url}`);
    await expect(store.get("Qm-nonsense")).rejects.toThrow(InvalidCidError);
  });

  it("detects a daemon that returns wrong bytes", async () => {
    const honest = await fake();
    const cid = await new KuboStore(honest.url).put(pattern(2000));
    const liar = await fake({ wrongBytes: pattern(2000, 8) });
    liar.blocks.set(cid, pattern(2000));
    const error = await new KuboStore(liar.url).get(cid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptBlockError);
    expect((error as Error).message).toBe(`block ${cid} is corrupted: its bytes hash to ${cidOf(pattern(2000, 8))}`);
  });

  it("detects a corrupted chunk of a large blob served by the daemon", async () => {
    const kubo = await fake();
    const data = pattern(2.5 * MAX_BLOCK_BYTES);
    const cid = await new KuboStore(kubo.url).put(data);
    const chunk = encodeBlob(data).blocks[0]!.cid.toString();
    kubo.blocks.get(chunk)![5] ^= 0x80;
    await expect(new KuboStore(kubo.url).get(cid)).rejects.toThrow(`block ${chunk} is corrupted`);
  });

  it("stops reading a block answer past 1 MiB", async () => {
    const kubo = await fake({ flood: MAX_BLOCK_BYTES + 1 });
    const cid = await new KuboStore(kubo.url).put(pattern(10));
    await expect(new KuboStore(kubo.url).get(cid)).rejects.toThrow(/corrupted: Kubo sent more than 1048576 bytes/);
  });

  it("stops reading an error answer past 64 KiB", async () => {
    const kubo = await fake({ errorFlood: 16 * MAX_BLOCK_BYTES });
    const cid = await new KuboStore(kubo.url).put(pattern(10));
    const error = await new KuboStore(kubo.url).get(cid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toBe(`Kubo RPC ${kubo.url} answered block/get with HTTP 500: (an error answer over 65536 bytes)`);
  });

  it("rejects a put the daemon files under a different CID", async () => {
    const other = cidOf(pattern(1)).toString();
    const kubo = await fake({ wrongKey: other });
    await expect(new KuboStore(kubo.url).put(pattern(64))).rejects.toThrow(new RegExp(`stored block ${cidOf(pattern(64))} under a different CID ${other}`));
  });

  it("turns an unreachable daemon and HTTP errors into StorageError naming the URL", async () => {
    const url = await closedPortUrl();
    const store = new KuboStore({ url, timeoutMs: 5000 });
    const cid = cidOf(pattern(3)).toString();
    for (const attempt of [() => store.put(pattern(3)), () => store.get(cid), () => store.has(cid)]) {
      const error: unknown = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toContain(`Kubo RPC at ${url} is unreachable`);
    }
    const kubo = await fake();
    const wrongPath = new KuboStore(`${kubo.url}/not-kubo`);
    await expect(wrongPath.put(pattern(3))).rejects.toThrow(`Kubo RPC ${kubo.url}/not-kubo answered block/put with HTTP 404: 404 page not found`);
  });

  it("sends URL credentials as HTTP basic auth (fetch refuses them in the URL)", async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ Message: "could not find it", Type: "error" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const store = new KuboStore(`http://alice:s%3Acret@127.0.0.1:${port}`);
      expect(store.url).toBe(`http://127.0.0.1:${port}`);
      expect(await store.has(cidOf(pattern(1)).toString())).toBe(false);
      expect(seen).toEqual([`Basic ${Buffer.from("alice:s:cret").toString("base64")}`]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("validates its options", () => {
    expect(() => new KuboStore("not a url")).toThrow(StorageError);
    expect(() => new KuboStore("ftp://127.0.0.1:5001")).toThrow(/must be http: or https:/);
    expect(() => new KuboStore({ url: "http://127.0.0.1:5001", timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(new KuboStore("http://user:secret@127.0.0.1:5001/").url).toBe("http://127.0.0.1:5001");
  });
});
