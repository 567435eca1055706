/**
 * A small HTTP gateway to a local block store, speaking the subset of Kubo's RPC API that `KuboStore` uses
 * (docs.ipfs.tech/reference/kubo/rpc: `block/put`, `block/get`, `block/stat`), so a browser reaches the embedded
 * store with the same client code as a Kubo daemon (issue "The marketplace in a web page", item 1).
 *
 * The gateway trusts nobody: a put's CID is computed here from the bytes and the requested codec (never taken from
 * the request), a body over one block's cap is refused while it streams in, before it is parsed, and every error
 * answers in Kubo's shape (`{"Message", "Code", "Type": "error"}`, HTTP 500; "not found" for an absent block).
 * It binds to nothing itself: `handleGateway` answers one request of a server its caller runs.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BlockIO } from "./blob.js";
import { type BlockCodec, JSON_CODEC, RAW_CODEC, cidOf, parseCid } from "./cid.js";
import { MAX_BLOCK_BYTES } from "./limits.js";
import { NotFoundError, StorageError } from "./store.js";

/** The path prefix the gateway answers (Kubo's). */
export const GATEWAY_PREFIX = "/api/v0/";
/** Room a multipart body takes beyond the block itself (boundaries and part headers). */
const MULTIPART_OVERHEAD = 16 * 1024;

class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Reads a request body of at most `max` bytes; refuses a larger one (declared or streamed) without reading it all. */
export async function readBody(req: IncomingMessage, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > max) throw new GatewayRefusal(413, `the request body declares ${declared} bytes, over the cap of ${max}`);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Uint8Array>) {
    size += part.length;
    if (size > max) {
      req.destroy();
      throw new GatewayRefusal(413, `the request body is over the cap of ${max} bytes`);
    }
    parts.push(part);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The one file part of a multipart/form-data body (Kubo's block/put takes the block as a file). */
async function filePart(req: IncomingMessage, body: Uint8Array): Promise<Uint8Array> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) throw new GatewayRefusal(400, `block/put expects multipart/form-data, got "${type || "no content type"}"`);
  let form: FormData;
  try {
    form = await new Response(body.slice().buffer as ArrayBuffer, { headers: { "content-type": type } }).formData();
  } catch (e) {
    throw new GatewayRefusal(400, `the multipart body cannot be read: ${(e as Error).message}`);
  }
  const files = [...form.values()].filter((v) => typeof v !== "string") as unknown as Blob[];
  if (files.length !== 1) throw new GatewayRefusal(400, `block/put expects exactly one file part, got ${files.length}`);
  const bytes = new Uint8Array(await files[0]!.arrayBuffer());
  if (bytes.length > MAX_BLOCK_BYTES) throw new GatewayRefusal(413, `a block of ${bytes.length} bytes is over the cap of ${MAX_BLOCK_BYTES}`);
  return bytes;
}

function codecOf(name: string | null): BlockCodec {
  if (name === null || name === "raw") return RAW_CODEC;
  if (name === "json") return JSON_CODEC;
  throw new GatewayRefusal(400, `cid-codec "${name}" is not supported (raw or json)`);
}

function cidArg(url: URL): ReturnType<typeof parseCid> {
  const arg = url.searchParams.get("arg");
  if (arg === null) throw new GatewayRefusal(400, "argument \"arg\" is required");
  try {
    return parseCid(arg);
  } catch (e) {
    throw new GatewayRefusal(400, (e as Error).message);
  }
}

/**
 * Answers `req` if its path is under GATEWAY_PREFIX (returns true), else leaves it to the caller (false). Only
 * POST, as Kubo's RPC API requires (a page cannot trigger a write with a plain link or image).
 */
export async function handleGateway(store: BlockIO, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://gateway.invalid");
  if (!url.pathname.startsWith(GATEWAY_PREFIX)) return false;
  const command = url.pathname.slice(GATEWAY_PREFIX.length);
  try {
    if (req.method !== "POST") throw new GatewayRefusal(405, `${command}: the RPC API takes POST only, not ${req.method}`);
    switch (command) {
      case "block/put": {
        const codec = codecOf(url.searchParams.get("cid-codec"));
        const mh = url.searchParams.get("mhtype");
        if (mh !== null && mh !== "sha2-256") throw new GatewayRefusal(400, `mhtype "${mh}" is not supported (sha2-256)`);
        const bytes = await filePart(req, await readBody(req, MAX_BLOCK_BYTES + MULTIPART_OVERHEAD));
        const cid = cidOf(bytes, codec);
        await store.putBlock({ cid, bytes });
        answerJson(res, 200, { Key: cid.toString(), Size: bytes.length });
        return true;
      }
      case "block/get": {
        const bytes = await store.getBlock(cidArg(url));
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length) });
        res.end(bytes);
        return true;
      }
      case "block/stat": {
        const cid = cidArg(url);
        if (!(await store.hasBlock(cid))) throw new NotFoundError(cid.toString(), "the gateway's store");
        answerJson(res, 200, { Key: cid.toString() });
        return true;
      }
      default:
        throw new GatewayRefusal(404, `${command} is not a command this gateway answers (block/put, block/get, block/stat)`);
    }
  } catch (e) {
    const status = e instanceof GatewayRefusal ? e.status : 500;
    // Kubo's error shape; a missing block says "not found", which KuboStore turns into NotFoundError
    const message = e instanceof NotFoundError ? `block ${e.cid} not found` : e instanceof GatewayRefusal || e instanceof StorageError ? e.message : `internal error: ${(e as Error).message}`;
    if (!res.headersSent) answerJson(res, status, { Message: message, Code: 0, Type: "error" });
    else res.destroy();
    return true;
  }
}
