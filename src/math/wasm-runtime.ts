/**
 * The slice of the WebAssembly JS API the workbench's kernels use (TypeScript's ES libraries do not declare
 * it), shared by the Goldilocks, BLAKE3 and LWE kernel loaders.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}

/** The runtime's WebAssembly object, or undefined where there is none. */
export const wasmApi: WasmApi | undefined = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
