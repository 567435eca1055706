/**
 * The messages between the page and its worker (worker.ts): every LWE and STARK computation runs in the worker, so
 * the page stays responsive and WebAssembly kernels compile off the main thread. A request names an operation and
 * its plain-data arguments; the worker answers with progress lines and then one result or one error message.
 */
export interface AppEndpoints {
  /** Absolute URL of the JSON-RPC proxy and the page's origin (the store gateway). */
  readonly rpcUrl: string;
  readonly storeUrl: string;
  readonly chainId: number;
  readonly deployment: import("../../src/market/contracts.js").Deployment;
}

export interface Ops {
  keygen: { args: { paramsId: string }; result: { secretKey: Uint8Array; publicKey: Uint8Array; keyId: string; paramsId: string; ms: number } };
  /** Checks a key pair and loads its public key (matrix A expanded) for encryption. */
  checkKey: { args: { secretKey: Uint8Array; publicKey: Uint8Array }; result: { keyId: string; paramsId: string; expandMs: number } };
  /** Quantise, encrypt and store a row for a model (the manifest bound to its ModelNFT). */
  prepareInput: {
    args: { endpoints: AppEndpoints; modelId: string; row: number[]; publicKey: Uint8Array };
    result: { inputCid: string; commitment: string; quantized: number[]; bytes: number; encryptMs: number };
  };
  /** judgeJob in the browser, then decryption of every row under the verified statement's bound. */
  verifyAndDecrypt: {
    args: { endpoints: AppEndpoints; jobId: string; secretKey: Uint8Array; policy: string };
    result:
      | { valid: true; reason: string; securityBits: number; provenBits: number; verifyMs: number; rows: { accumulator: string; prediction: number }[] }
      | { valid: false; check: string; reason: string };
  };
  /** The model's manifest and card (the page's form and the float model's prediction). */
  modelInfo: {
    args: { endpoints: AppEndpoints; modelId: string };
    result: ModelInfo;
  };
  /** Compile a model file, hash and store its manifest (and sealed packages, card) for publishing. */
  prepareModel: {
    args: { endpoints: AppEndpoints; modelFile: string; paramsId: string; weights: "public" | "private"; nodes: { address: string; publicKey: string }[]; card: boolean };
    result: { manifestCid: string; contentHash: string; programHash: string; cardCid?: string; features: string[]; target: string };
  };
  /** Seal a data set file (AES-256-GCM) and store it. */
  sealDataset: { args: { endpoints: AppEndpoints; bytes: Uint8Array }; result: { sealedCid: string; contentHash: string; key: string } };
  /** LWE security per attack and cost model, noise budget and sizes for a parameter choice (Explore). */
  explore: { args: { params: import("../../src/lwe/params.js").LweParams }; result: import("./explore-model.js").ExploreResult };
}

export type OpName = keyof Ops;

export interface ModelInfo {
  readonly features: string[];
  /** Per feature: the raw range the quantiser maps without clamping. */
  readonly ranges: { min: number; max: number }[];
  readonly params: string;
  readonly weights: "public" | "private";
  readonly outputScale: number;
  readonly classes?: string[];
  /** From the checked card: the target's name and the float model (weights, intercept); or why there is none. */
  readonly card: { target: string; weights: number[]; intercept: number; inputMin: number[]; inputMax: number[] } | { missing: string };
}

export type Request = { id: number; op: OpName; args: unknown };
export type Reply = { id: number; progress: { step: string; fraction: number } } | { id: number; result: unknown } | { id: number; error: string };
