/**
 * A ContentStore over the Kubo (go-ipfs) HTTP RPC API (docs.ipfs.tech/reference/kubo/rpc): blocks go in with
 * `POST /api/v0/block/put?cid-codec=raw|json&mhtype=sha2-256` (multipart/form-data, the block as a file part),
 * come out with `POST /api/v0/block/get?arg=<cid>`, and presence is `block/stat` with `offline=true`.
 * The daemon is not trusted: the CID it answers to a put must equal the one computed here, every block it
 * returns is verified against its CID and read no further than 1 MiB, any other answer no further than 64 KiB.
 * Blocks are pinned by default so Kubo's garbage collector keeps them (a json manifest has no IPLD links, so
 * each chunk is pinned itself).
 */
import type { CID } from "multiformats/cid";
import { type Block, BlockStoreBase } from "./blob.js";
import { MAX_BLOCK_BYTES } from "./limits.js";
import { JSON_CODEC, parseCid, verifyBlock } from "./cid.js";
import { type ContentStore, CorruptBlockError, NotFoundError, StorageError } from "./store.js";
import { concatBytes } from "@noble/hashes/utils.js";

export interface KuboStoreOptions {
  /** Base URL of the daemon's RPC API, e.g. http://127.0.0.1:5001 (never expose it publicly). */
  readonly url: string;
  /** Per-request time limit in milliseconds (default 60 000); `get` of a block missing locally searches the network. */
  readonly timeoutMs?: number;
  /** Pin every block written (default true). */
  readonly pin?: boolean;
  /** Read only from the node's own blockstore, never the network (default false). */
  readonly offline?: boolean;
}

/** Kubo's error body: `{"Message": "...", "Code": 0, "Type": "error"}` with status 500. */
const NOT_FOUND = /not found|could not find/i;
/** Largest answer read other than a block (bytes): block/put answers and errors are short JSON. */
const SHORT_ANSWER_BYTES = 64 * 1024;

export class KuboStore extends BlockStoreBase implements ContentStore {
  /** The daemon's base URL as given, without credentials or a trailing slash (used in messages). */
  readonly url: string;
  private readonly base: URL;
  private readonly auth: string | undefined;
  private readonly timeoutMs: number;
  private readonly pin: boolean;
  private readonly offline: boolean;

  constructor(options: KuboStoreOptions | string) {
    super();
    const o: KuboStoreOptions = typeof options === "string" ? { url: options } : options;
    let base: URL;
    try {
      base = new URL(o.url);
    } catch {
      throw new StorageError(`Kubo RPC URL "${o.url}" is not a URL; expected e.g. http://127.0.0.1:5001`);
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new StorageError(`Kubo RPC URL "${o.url}" must be http: or https:, not ${base.protocol}`);
    }
    const timeoutMs = o.timeoutMs ?? 60_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new StorageError(`Kubo timeoutMs must be a positive number, got ${timeoutMs}`);
    // fetch refuses URLs with credentials: move user:password (Kubo behind basic auth) into a header.
    this.auth =
      base.username || base.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString("base64")}`
        : undefined;
    base.username = "";
    base.password = "";
    this.base = base;
    this.url = `${base.protocol}//${base.host}${base.pathname.replace(/\/+$/, "")}`;
    this.timeoutMs = timeoutMs;
    this.pin = o.pin ?? true;
    this.offline = o.offline ?? false;
  }

  async putBlock({ cid, bytes }: Block): Promise<void> {
    const codec = cid.code === JSON_CODEC ? "json" : "raw";
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)]), "block");
    const res = await this.call("block/put", { "cid-codec": codec, mhtype: "sha2-256", mhlen: "32", pin: String(this.pin) }, form);
    const body = await this.readBody(res, SHORT_ANSWER_BYTES, `block/put of ${cid}`);
    if (body === "too large") throw new StorageError(`Kubo RPC ${this.url} answered block/put of ${cid} with over ${SHORT_ANSWER_BYTES} bytes`);
    const answer = new TextDecoder().decode(body);
    let key: unknown;
    try {
      key = (JSON.parse(answer) as { Key?: unknown }).Key;
    } catch {
      key = undefined;
    }
    if (typeof key !== "string") throw new StorageError(`Kubo RPC ${this.url} answered block/put of ${cid} without a CID: ${answer.slice(0, 200)}`);
    let returned: CID;
    try {
      returned = parseCid(key);
    } catch (e) {
      throw new StorageError(`Kubo RPC ${this.url} answered block/put of ${cid} with an unusable CID: ${(e as Error).message}`);
    }
    const same: boolean = returned.equals(cid);
    if (!same) throw new StorageError(`Kubo RPC ${this.url} stored block ${cid} under a different CID ${key}`);
  }

  async getBlock(cid: CID): Promise<Uint8Array> {
    const res = await this.call("block/get", { arg: cid.toString(), ...(this.offline ? { offline: "true" } : {}) });
    const body = await this.readBody(res, MAX_BLOCK_BYTES, `block/get of ${cid}`);
    if (body === "too large") throw new CorruptBlockError(cid.toString(), undefined, `Kubo sent more than ${MAX_BLOCK_BYTES} bytes`);
    verifyBlock(cid, body);
    return body;
  }

  async hasBlock(cid: CID): Promise<boolean> {
    try {
      await this.call("block/stat", { arg: cid.toString(), offline: "true" }).then((res) => res.body?.cancel());
      return true;
    } catch (e) {
      if (e instanceof NotFoundError) return false;
      throw e;
    }
  }

  /** POSTs an RPC command; StorageError naming the URL if the daemon is unreachable or answers non-200. */
  private async call(command: string, params: Record<string, string>, body?: FormData): Promise<Response> {
    const target = new URL(`${this.base.pathname.replace(/\/+$/, "")}/api/v0/${command}`, this.base);
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(target, {
        method: "POST",
        ...(body ? { body } : {}),
        ...(this.auth ? { headers: { authorization: this.auth } } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const why = err.name === "TimeoutError" ? `no answer within ${this.timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
      throw new StorageError(`Kubo RPC at ${this.url} is unreachable (${command}: ${why})`, { cause: e });
    }
    if (res.status === 200) return res;
    const answer = await this.readBody(res, SHORT_ANSWER_BYTES, command).catch(() => new Uint8Array(0));
    const text = answer === "too large" ? `(an error answer over ${SHORT_ANSWER_BYTES} bytes)` : new TextDecoder().decode(answer).slice(0, 500);
    let message = text;
    try {
      const parsed = JSON.parse(text) as { Message?: unknown };
      if (typeof parsed.Message === "string") message = parsed.Message;
    } catch {
      // not JSON: keep the raw text
    }
    const arg = params["arg"];
    if (arg !== undefined && res.status === 500 && NOT_FOUND.test(message)) throw new NotFoundError(arg, `Kubo node ${this.url}`);
    throw new StorageError(`Kubo RPC ${this.url} answered ${command} with HTTP ${res.status}: ${message || res.statusText}`);
  }

  /** Reads a response body of at most `max` bytes ("too large" past that), so a hostile daemon cannot flood memory. */
  private async readBody(res: Response, max: number, what: string): Promise<Uint8Array | "too large"> {
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      if (res.body) {
        for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
          size += part.length;
          if (size > max) {
            await res.body.cancel().catch(() => undefined);
            return "too large";
          }
          parts.push(part);
        }
      }
    } catch (e) {
      throw new StorageError(`Kubo RPC ${this.url} broke off the answer to ${what}: ${(e as Error).message}`, { cause: e });
    }
    return concatBytes(...parts);
  }
}
