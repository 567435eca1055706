/**
 * The Encrypt zkVM instruction set (thesis §4.2; j04n-f/Encrypt-zkVM vm/src/processor/opcodes.rs): nine
 * operations with 5-bit opcodes whose top two bits give the stack shift (10 = right, 01 = left, 00 = none).
 *
 *   op     code     stack effect (w = ciphertext width in stack cells)
 *   noop   00_000   none
 *   push   10_000   right 1: the immediate (absorbed into the program hash)
 *   read   10_001   right 1: the next public value
 *   read2  10_010   right w: the next input ciphertext (mask first, body last)
 *   add    01_000   left 1:  s0 + s1
 *   mul    01_001   left 1:  s0 · s1
 *   sadd   01_010   left 1:  ciphertext s1..sw plus the scalar s0 (Δ·s0 added to the body)
 *   add2   01_011   left w:  ciphertext s0..s(w−1) plus ciphertext sw..s(2w−1)
 *   smul   01_100   left 1:  ciphertext s1..sw times the scalar s0
 *
 * In the thesis w = n + 1 = 5 (its LWE dimension 4). At real dimensions the AIR works on compressed
 * ciphertexts of a few cells each (docs/vm.md), with the same opcodes.
 */

export const OPCODES = Object.freeze({
  noop: 0b00_000,
  push: 0b10_000,
  read: 0b10_001,
  read2: 0b10_010,
  add: 0b01_000,
  mul: 0b01_001,
  sadd: 0b01_010,
  add2: 0b01_011,
  smul: 0b01_100,
} as const);

export type OpName = keyof typeof OPCODES;

/** Every operation in a fixed order (the order of the AIR's one-hot flag columns). */
export const OP_NAMES: readonly OpName[] = Object.freeze(["noop", "push", "read", "read2", "add", "mul", "sadd", "add2", "smul"]);

/** Bits of an opcode. */
export const OPCODE_BITS = 5;

/** One instruction: the operation and its immediate (push only; 0 otherwise, as the thesis hashes it). */
export interface Instruction {
  readonly op: OpName;
  readonly value: bigint;
}

const BY_CODE = new Map<number, OpName>(OP_NAMES.map((n) => [OPCODES[n], n]));

/** The operation with this opcode, or undefined. */
export function opByCode(code: number): OpName | undefined {
  return BY_CODE.get(code);
}

/** Net change of the stack depth: + for shift right, − for shift left (w = ciphertext width). */
export function depthChange(op: OpName, w: number): number {
  switch (op) {
    case "noop":
      return 0;
    case "push":
    case "read":
      return 1;
    case "read2":
      return w;
    case "add":
    case "mul":
    case "sadd":
    case "smul":
      return -1;
    case "add2":
      return -w;
  }
}

/** Stack cells an operation consumes (needs on the stack before it runs). */
export function stackNeeds(op: OpName, w: number): number {
  switch (op) {
    case "noop":
    case "push":
    case "read":
    case "read2":
      return 0;
    case "add":
    case "mul":
      return 2;
    case "sadd":
    case "smul":
      return w + 1;
    case "add2":
      return 2 * w;
  }
}

/** Most program steps a statement may have (2^16: far above any model here; bounds the verifier's work). */
export const MAX_VM_STEPS = 1 << 16;

/** Stack registers of the VM (the thesis's MAX_STACK_DEPTH). */
export const STACK_DEPTH = 16;

/** The program hash absorbs 14 rounds per 16-step cycle; steps 14 and 15 must be noop. */
export const HASH_CYCLE = 16;
export const HASH_ROUNDS = 14;
/** push is aligned to a multiple of this many steps (the thesis assembler's PUSH_OP_ALIGNMENT). */
export const PUSH_ALIGNMENT = 8;

/**
 * Push immediates are signed integers of at most 16 bits (issue "Sound from model to payment", item 6). A statement
 * declares its immediate width b (even, 2 … 16: `immediateBitsOf` a program) and the AIR range-checks every
 * immediate to −2^(b−1) … 2^(b−1) − 1 (base-4 digits of immediate + 2^(b−1) in the trace), so whoever decrypts a
 * proved output can bound its noise from the public statement alone (src/vm/noise-bound.ts), whatever the private
 * weights. The thesis's u8 immediates need 10 bits; a wider constant is built from several (src/vm/compile.ts).
 */
export const MAX_IMMEDIATE_BITS = 16;
/** Base-4 digit columns of the range check: 4^8 = 2^16 values. */
export const IMMEDIATE_DIGITS = MAX_IMMEDIATE_BITS / 2;

/** The signed range of b-bit immediates. */
export function immediateRange(bits = MAX_IMMEDIATE_BITS): { readonly min: bigint; readonly max: bigint } {
  return { min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n };
}

/** Whether b is an immediate width a statement may declare. */
export function isImmediateBits(bits: unknown): bits is number {
  return Number.isInteger(bits) && (bits as number) >= 2 && (bits as number) <= MAX_IMMEDIATE_BITS && (bits as number) % 2 === 0;
}

/** The signed integer a push immediate (a field element mod p) stands for, or undefined outside the b-bit range. */
export function immediateInteger(v: bigint, p: bigint, bits = MAX_IMMEDIATE_BITS): bigint | undefined {
  const centred = v > p / 2n ? v - p : v;
  const { min, max } = immediateRange(bits);
  return v >= 0n && v < p && centred >= min && centred <= max ? centred : undefined;
}

/** The narrowest immediate width (even, ≥ 2) that holds every push immediate of a program. */
export function immediateBitsOf(instructions: readonly Instruction[], p: bigint): number {
  let bits = 2;
  for (const ins of instructions) if (ins.op === "push") while (immediateInteger(ins.value, p, bits) === undefined && bits < MAX_IMMEDIATE_BITS) bits += 2;
  return bits;
}
