/**
 * The page's worker: LWE key generation, encryption, STARK verification, decryption, model compilation and data
 * sealing, with the same src/ modules as the CLI (its WebAssembly kernels compile here, off the main thread). It
 * reads the chain through the page's JSON-RPC proxy with a signer-less client and the store through the gateway
 * (KuboStore); it never signs and never sends a key anywhere.
 */
import "./buffer-global.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { JsonRpcProvider, VoidSigner, ZeroAddress } from "ethers";
import { type PublicKey, deserializePublicKey, deserializeSecretKey, getParams, keygen, serializePublicKey, serializeSecretKey, systemRandom } from "../../src/lwe/index.js";
import { MarketClient } from "../../src/market/client.js";
import { getPolicy } from "../../src/prover/policy.js";
import { parseModel } from "../../src/regression/model-file.js";
import { quantizerRange } from "../../src/regression/quantize.js";
import { KuboStore } from "../../src/storage/kubo.js";
import { commitment, sealData } from "../../src/node/formats.js";
import { judgeJob, trustedModelOf } from "../../src/node/job-verdict.js";
import { checkModelCard, modelCardCid } from "../../src/node/model-card.js";
import { prepareModelPublication } from "../../src/node/model-publication.js";
import { decryptRows, encryptRows } from "../../src/node/user-input.js";
import { explore } from "./explore-model.js";
import type { AppEndpoints, ModelInfo, OpName, Ops, Reply, Request } from "./protocol.js";
import { nameUnreachableServices } from "./fetch-errors.js";

nameUnreachableServices(self);

type Progress = (step: string, fraction: number) => void;


function connect(e: AppEndpoints): { client: MarketClient; store: KuboStore } {
  const provider = new JsonRpcProvider(e.rpcUrl, e.chainId, { staticNetwork: true, batchMaxCount: 1 });
  return { client: new MarketClient(e.deployment, new VoidSigner(ZeroAddress, provider)), store: new KuboStore({ url: e.storeUrl, timeoutMs: 30_000 }) };
}

/**
 * Public keys by key id, with their matrix A expanded: expanding A from its seed (SHAKE128, about 35 MB for
 * goldilocks-128) is most of an encryption's cost in the browser, where SHAKE runs in JavaScript. It is paid once
 * per key — at generation, where keygen expands A anyway, or when the key is unlocked — not once per row.
 */
const publicKeys = new Map<string, PublicKey>();
const MAX_CACHED_KEYS = 4;

function remember(pk: PublicKey): PublicKey {
  pk.matrix();
  publicKeys.delete(bytesToHex(pk.keyId));
  publicKeys.set(bytesToHex(pk.keyId), pk);
  while (publicKeys.size > MAX_CACHED_KEYS) publicKeys.delete(publicKeys.keys().next().value!);
  return pk;
}

function publicKeyOf(bytes: Uint8Array): PublicKey {
  const pk = deserializePublicKey(bytes);
  return publicKeys.get(bytesToHex(pk.keyId)) ?? remember(pk);
}

const STEPS = ["job", "manifest", "input", "proof-file", "stark"] as const;
const STEP_TEXT: Record<string, string> = {
  job: "reading the job on chain",
  manifest: "fetching the model manifest bound to the ModelNFT",
  input: "fetching the committed input ciphertexts",
  "proof-file": "fetching the proof file",
  stark: "verifying the STARK against the statement built from the chain",
};

const handlers: { [K in OpName]: (args: Ops[K]["args"], progress: Progress) => Promise<Ops[K]["result"]> } = {
  async keygen({ paramsId }) {
    const t = performance.now();
    const keys = keygen(getParams(paramsId), systemRandom());
    remember(keys.publicKey);
    return { secretKey: serializeSecretKey(keys.secretKey), publicKey: serializePublicKey(keys.publicKey), keyId: bytesToHex(keys.secretKey.keyId), paramsId, ms: performance.now() - t };
  },

  async checkKey({ secretKey, publicKey }) {
    const sk = deserializeSecretKey(secretKey);
    const pk = deserializePublicKey(publicKey);
    if (bytesToHex(sk.keyId) !== bytesToHex(pk.keyId)) throw new Error("the stored public key does not belong to the secret key (key ids differ)");
    const t = performance.now();
    publicKeyOf(publicKey);
    return { keyId: bytesToHex(sk.keyId), paramsId: sk.params.id, expandMs: performance.now() - t };
  },

  async modelInfo({ endpoints, modelId }) {
    const { client, store } = connect(endpoints);
    const { manifest } = await trustedModelOf(client, store, BigInt(modelId));
    const uri = ((await client.modelNft.getFunction("asset")(BigInt(modelId))) as { uri: string }).uri;
    const cardCid = modelCardCid(uri);
    let card: ModelInfo["card"] = { missing: "the publisher gave no model card" };
    if (cardCid) {
      try {
        const m = checkModelCard(new TextDecoder().decode(await store.get(cardCid, { maxBytes: 1 << 20 })), manifest);
        card = { target: m.target, weights: [...m.weights], intercept: m.intercept, inputMin: [...m.training.inputMin], inputMax: [...m.training.inputMax] };
      } catch (e) {
        card = { missing: `the model card is not shown: ${(e as Error).message}` };
      }
    }
    return {
      features: [...manifest.features],
      ranges: manifest.inputQuantizers.map((q) => ({ ...quantizerRange(q) })),
      params: manifest.params,
      weights: manifest.weights,
      outputScale: manifest.outputScale,
      ...(manifest.classes ? { classes: [...manifest.classes] } : {}),
      card,
    };
  },

  async prepareInput({ endpoints, modelId, row, publicKey }, progress) {
    const { client, store } = connect(endpoints);
    progress("fetching the model manifest bound to the ModelNFT", 0.1);
    const { manifest, model } = await trustedModelOf(client, store, BigInt(modelId));
    const pk = publicKeyOf(publicKey);
    progress("quantising and encrypting", 0.3);
    const t = performance.now();
    const { input, quantized } = encryptRows(manifest, model, [row], pk, systemRandom(), { strictRange: true, modelName: `model #${modelId}` });
    const encryptMs = performance.now() - t;
    progress("storing the ciphertexts", 0.8);
    const inputCid = await store.put(input);
    return { inputCid, commitment: commitment(input), quantized: [...quantized], bytes: input.length, encryptMs };
  },

  async verifyAndDecrypt({ endpoints, jobId, secretKey, policy }, progress) {
    const { client, store } = connect(endpoints);
    const sk = deserializeSecretKey(secretKey);
    const t = performance.now();
    const v = await judgeJob(client, store, BigInt(jobId), {
      policy: getPolicy(policy),
      onStep: (check) => progress(STEP_TEXT[check] ?? check, STEPS.indexOf(check as (typeof STEPS)[number]) / STEPS.length),
    });
    const verifyMs = performance.now() - t;
    if (!v.valid) return { valid: false, check: v.check, reason: v.reason };
    progress("decrypting under the verified statement's noise bound", 0.95);
    if (sk.params.id !== v.manifest.params) throw new Error(`the key is for parameter set "${sk.params.id}", the job's model runs on "${v.manifest.params}"`);
    const rows = decryptRows(sk, v.statement, v.manifest.outputScale);
    return { valid: true, reason: v.reason, securityBits: v.securityBits, provenBits: v.provenBits, verifyMs, rows: rows.map((r) => ({ accumulator: String(r.accumulator), prediction: r.prediction })) };
  },

  async prepareModel({ endpoints, modelFile, paramsId, weights, nodes, card }, progress) {
    const { store } = connect(endpoints);
    progress("reading the model file", 0.1);
    const { model } = parseModel(modelFile, "the model file");
    progress("compiling, committing and storing the manifest", 0.4);
    const pub = await prepareModelPublication(store, model, paramsId, weights, nodes, { card });
    return { manifestCid: pub.manifestCid, contentHash: pub.contentHash, programHash: pub.programHash, ...(pub.cardCid ? { cardCid: pub.cardCid } : {}), features: [...model.features], target: model.target };
  },

  async sealDataset({ endpoints, bytes }) {
    const { store } = connect(endpoints);
    const { sealed, key } = sealData(bytes);
    return { sealedCid: await store.put(sealed), contentHash: commitment(bytes), key: bytesToHex(key) };
  },

  async explore({ params }) {
    return explore(params);
  },
};

self.onmessage = (event: MessageEvent<Request>) => {
  const { id, op, args } = event.data;
  const post = (r: Reply): void => self.postMessage(r);
  const handler = handlers[op] as (a: unknown, p: Progress) => Promise<unknown>;
  if (!handler) return post({ id, error: `unknown operation "${op}"` });
  handler(args, (step, fraction) => post({ id, progress: { step, fraction } })).then(
    (result) => post({ id, result }),
    (e: unknown) => post({ id, error: e instanceof Error ? e.message : String(e) }),
  );
};
