/**
 * Turns a reverted transaction into a sentence (issue 12, item 4): every custom error of every contract is decoded
 * by name and arguments and has a message that says what was wrong ("price rose above your max price 120 EAI: now
 * 150 EAI"); Solidity's built-in Panic(uint256) and Error(string) are sentences too ("arithmetic overflow or
 * underflow (Panic 0x11)"), and so are ethers' argument errors, naming the argument ("value out-of-bounds" becomes
 * `argument "deadline" = 1180591620717411303424 is out of range for its Solidity type`). Connection problems are
 * named too. A custom error's sentence ends with its name in parentheses; one without a hand-written sentence (added
 * to a contract later) still reads as a sentence, its arguments named by the ABI.
 */
import { Interface, formatUnits } from "ethers";
import { ARTIFACTS } from "./contracts.js";

export class MarketError extends Error {
  constructor(
    message: string,
    /** The custom error's name, when the revert was decoded ("Panic" and "Error" for Solidity's built-in ones). */
    readonly errorName?: string,
    readonly args?: readonly unknown[],
  ) {
    super(message);
    this.name = "MarketError";
  }
}

const interfaces = Object.values(ARTIFACTS).map((a) => new Interface(a.abi as unknown as string[]));
const eai = (x: unknown) => `${formatUnits(x as bigint, 18).replace(/\.0$/, "")} EAI`;
const STATUS = ["None", "Requested", "Accepted", "Submitted", "Finalised", "Slashed", "Cancelled", "Refunded"];
const VERDICT = ["None", "Valid", "Invalid"];
const KIND = ["data set", "model"];
const when = (t: unknown) => new Date(Number(t) * 1000).toISOString();
const bps = (x: unknown) => `${Number(x) / 100} %`;

/**
 * Solidity's panic codes (Solidity docs, "Panic via assert and Error via require"): what went wrong inside the
 * contract — a bug or an input the contract did not guard, never a condition it meant to refuse.
 */
export const PANIC_REASONS: Readonly<Record<number, string>> = Object.freeze({
  0x00: "a generic compiler-inserted panic",
  0x01: "an assertion failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division or modulo by zero",
  0x21: "a value too large or negative for an enum",
  0x22: "an incorrectly encoded storage byte array",
  0x31: "pop() on an empty array",
  0x32: "an array index out of bounds",
  0x41: "too much memory allocated",
  0x51: "a call to an uninitialised internal function",
});

/** A panic's sentence: "arithmetic overflow or underflow (Panic 0x11)". */
export function panicSentence(code: bigint | number): string {
  const c = BigInt(code);
  const hex = `0x${c.toString(16).padStart(2, "0")}`;
  const why = c <= 0xffn ? PANIC_REASONS[Number(c)] : undefined;
  return `the contract stopped on ${why ?? "an unknown panic code"} (Panic ${hex})`;
}

const BUILTIN = new Set(["Panic", "Error"]);

type Sentence = (a: readonly unknown[], named: Readonly<Record<string, unknown>>) => string;

const MESSAGES: Record<string, Sentence> = {
  // Solidity built-ins
  Panic: (a) => panicSentence(a[0] as bigint),
  Error: (a) => `the contract refused: ${String(a[0])}`,
  // Marketplace, assets, factory
  PriceAboveMax: (a) => `price rose above your max price ${eai(a[0])}: now ${eai(a[1])}`,
  AlreadyLicensed: (a) => `${String(a[2])} already holds a licence to ${KIND[Number(a[0])]} #${String(a[1])}`,
  FeeTooHigh: (a) => `a fee of ${bps(a[0])} is above the maximum of ${bps(a[1])}`,
  DuplicateContent: (a) => `this content (hash ${String(a[0])}) is already published as token #${String(a[1])}`,
  EmptyContentHash: () => "the content hash must not be zero",
  EmptyProgramHash: () => "the program hash must not be zero",
  NotTokenOwner: (a) => `only the owner of token #${String(a[0])} may do this (caller ${String(a[1])})`,
  UnknownToken: (a) => `token #${String(a[0])} does not exist`,
  MissingDataLicence: (a) => `publishing this model needs a licence to data set #${String(a[0])}: buy access to it first`,
  // token
  FaucetDisabled: (a) => `the faucet only works on local dev chains (this is chain ${String(a[0])})`,
  FaucetAmountTooLarge: (a) => `the faucet gives at most ${eai(a[1])} at a time, ${eai(a[0])} was asked`,
  ERC20InsufficientBalance: (a) => `insufficient EAI balance: ${String(a[0])} has ${eai(a[1])}, needs ${eai(a[2])}`,
  ERC20InsufficientAllowance: (a) => `insufficient EAI allowance for ${String(a[0])}: ${eai(a[1])} approved, ${eai(a[2])} needed`,
  ERC20ExceededCap: (a) => `minting would raise the EAI supply to ${eai(a[0])}, above its cap of ${eai(a[1])}`,
  ERC20InvalidCap: (a) => `an EAI supply cap of ${eai(a[0])} is invalid`,
  ERC20InvalidApprover: (a) => `${String(a[0])} cannot approve EAI (the zero address)`,
  ERC20InvalidReceiver: (a) => `${String(a[0])} cannot receive EAI (the zero address)`,
  ERC20InvalidSender: (a) => `${String(a[0])} cannot send EAI (the zero address)`,
  ERC20InvalidSpender: (a) => `${String(a[0])} cannot be approved to spend EAI (the zero address)`,
  ERC2612ExpiredSignature: (a) => `the permit signature expired at ${when(a[0])}`,
  ERC2612InvalidSigner: (a) => `the permit is signed by ${String(a[0])}, not by the owner ${String(a[1])}`,
  InvalidAccountNonce: (a) => `account ${String(a[0])}'s nonce is ${String(a[1])}: the signature is for another nonce`,
  ECDSAInvalidSignature: () => "the signature is invalid",
  ECDSAInvalidSignatureLength: (a) => `a signature has 65 bytes, this one ${String(a[0])}`,
  ECDSAInvalidSignatureS: (a) => `the signature's s value ${String(a[0])} is not in the lower half order`,
  // NFTs
  ERC721NonexistentToken: (a) => `token #${String(a[0])} does not exist`,
  ERC721IncorrectOwner: (a) => `${String(a[0])} is not the owner of token #${String(a[1])} (the owner is ${String(a[2])})`,
  ERC721InsufficientApproval: (a) => `${String(a[0])} is not approved for token #${String(a[1])}`,
  ERC721InvalidApprover: (a) => `${String(a[0])} cannot approve this token`,
  ERC721InvalidOperator: (a) => `${String(a[0])} cannot be an operator`,
  ERC721InvalidOwner: (a) => `${String(a[0])} cannot own a token`,
  ERC721InvalidReceiver: (a) => `${String(a[0])} cannot receive a token (the zero address, or a contract that does not accept ERC-721 tokens)`,
  ERC721InvalidSender: (a) => `${String(a[0])} cannot send this token`,
  // roles and admin
  AccessControlUnauthorizedAccount: (a) => `account ${String(a[0])} lacks the role ${String(a[1])} this action needs`,
  AccessControlBadConfirmation: () => "an account may only renounce its own roles",
  AccessControlEnforcedDefaultAdminDelay: (a) => `the admin transfer can be accepted from ${when(a[0])} on`,
  AccessControlEnforcedDefaultAdminRules: () => "the admin role moves only by the delayed two-step transfer (beginDefaultAdminTransfer, then acceptDefaultAdminTransfer)",
  AccessControlInvalidDefaultAdmin: (a) => `${String(a[0])} cannot become the admin`,
  // staking and payments
  ZeroAmount: () => "the amount must be above zero",
  ZeroAddress: () => "the address must not be the zero address",
  InsufficientFreeStake: (a) => `node ${String(a[0])} has ${eai(a[1])} of free stake, ${eai(a[2])} needed (stake more or wait for jobs to settle)`,
  InsufficientLockedStake: (a) => `node ${String(a[0])} has ${eai(a[1])} of locked stake, ${eai(a[2])} to release`,
  StillUnbonding: (a) => `stake is still unbonding until ${when(a[0])}`,
  NothingUnbonding: (a) => `node ${String(a[0])} has no stake unbonding`,
  NothingToWithdraw: (a) => `nothing to withdraw for ${String(a[0])}`,
  SafeERC20FailedOperation: (a) => `the token ${String(a[0])} refused the transfer`,
  ReentrancyGuardReentrantCall: () => "reentrant call refused",
  // jobs
  UnknownJob: (a) => `job #${String(a[0])} does not exist`,
  WrongStatus: (a) => `job #${String(a[0])} is ${STATUS[Number(a[1])]}, the action needs ${STATUS[Number(a[2])]}`,
  UseFeeAboveMax: (a) => `the model's per-use fee rose above your max ${eai(a[0])}: now ${eai(a[1])}`,
  DeadlineInPast: (a) => `deadline ${when(a[0])} is not in the future (chain time ${when(a[1])})`,
  DeadlinePassed: (a) => `job #${String(a[0])}'s deadline ${when(a[1])} has passed`,
  DeadlineNotPassed: (a) => `job #${String(a[0])} is not overdue (deadline ${when(a[1])})`,
  VerifierNotAllowed: (a) => `verifier ${String(a[0])} is not allowed by the job manager`,
  NotJobNode: (a) => `only the node that accepted job #${String(a[0])} may submit its result`,
  NotJobUser: (a) => `only the user who requested job #${String(a[0])} may do this (caller ${String(a[1])})`,
  ChallengeWindowOpen: (a) => `job #${String(a[0])} can be finalised after its challenge window closes at ${when(a[1])}`,
  ChallengeWindowClosed: (a) => `the challenge window of job #${String(a[0])} closed at ${when(a[1])}`,
  ChallengeRejected: (a) => `challenge rejected: the verifier accepts job #${String(a[0])}'s result`,
  EmptyCommitment: () => "the input commitment must not be zero",
  // verdicts and the attestor quorum (AttestorQuorumVerifier)
  AlreadyVoted: (a) => `attestor ${String(a[2])} already voted on job #${String(a[0])}'s proof ${String(a[1])}`,
  VerdictNotValid: (a) => `job #${String(a[0])} has verdict ${VERDICT[Number(a[1])]}: it is paid only on a Valid verdict`,
  VerdictGiven: (a) => `job #${String(a[0])} has verdict ${VERDICT[Number(a[1])]}: only a job without a verdict is refunded`,
  VerdictGraceOpen: (a) => `job #${String(a[0])} may still get a verdict until ${when(a[1])}; an undecided job is refunded after that`,
  InvalidParameter: (a) => `parameter ${String(a[0])} = ${String(a[1])} is out of range`,
  NotBonded: (a) => `attestor ${String(a[0])} has ${eai(a[1])} bonded, ${eai(a[2])} needed to vote`,
  OwnJob: (a) => `node ${String(a[1])} may not vote on its own job #${String(a[0])}`,
  TooManyVoters: (a) => `job #${String(a[0])}'s proof ${String(a[1])} already has the most votes one claim records`,
  InsufficientBond: (a) => `attestor ${String(a[0])} has ${eai(a[1])} bonded, cannot unbond ${eai(a[2])}`,
  NotInvalid: (a) => `job #${String(a[0])}'s proof ${String(a[1])} is not Invalid: there is no challenge reward to distribute`,
  NoRewards: () => "the validity tier has no attestors: it distributes no challenge reward",
  NoVerdictYet: (a) => `job #${String(a[0])}'s proof ${String(a[1])} has no verdict yet`,
  AlreadySettled: (a) => `job #${String(a[0])}'s proof ${String(a[1])} is already settled (its votes, or its on-chain verdict): that is final`,
  InvalidQuorum: (a) => `a quorum of ${String(a[0])} votes is out of range (1 … 32)`,
  PathTooLong: (a) => `a Merkle path of ${String(a[0])} levels is longer than any commitment (at most 32)`,
  IndexOutOfRange: (a) => `leaf index ${String(a[0])} does not fit a tree of depth ${String(a[1])}`,
  // the on-chain STARK verifier (contracts/verifiers/stark/): each names the check of src/prover/verifier.ts that failed
  MalformedProof: (a) => `format: the proof is malformed at byte ${String(a[0])} (a count, a length or a non-canonical element)`,
  UnsupportedProofVersion: (a) => `version: proof version ${String(a[0])} is not supported (expected 1)`,
  OptionsMismatch: (a) => `options: proof option ${String(a[0])} is not the verifying key's (blowup, queries, grinding, extension, folding, remainder, hash, zero knowledge)`,
  ContextMismatch: () => "public-inputs: the proof is for another AIR, trace length or width than the verifying key's",
  BelowPolicy: (a) => `security: the verifying key's options give ${String(a[0])} bits conjectured and ${String(a[1])} proven, below this verifier's policy`,
  WrongStatement: (a) => `statement: public input ${String(a[0])} is not the verifying key's (or the count differs)`,
  OodMismatch: () => "ood-consistency: the constraints at the out-of-domain point do not match the committed composition polynomial",
  InsufficientProofOfWork: () => "proof-of-work: the nonce does not give the grinding bits the options require",
  TraceOpeningInvalid: () => "trace-opening: the opened trace rows do not match the trace commitment",
  CompositionOpeningInvalid: () => "composition-opening: the opened composition rows do not match the composition commitment",
  FriOpeningInvalid: (a) => `fri-opening: FRI layer ${String(a[0])}'s opened leaves do not match its commitment`,
  FriFoldingMismatch: (a) => `fri-folding: a value of FRI layer ${String(a[0])} is not the one folded from the previous layer`,
  FriRemainderMismatch: () => "fri-remainder: the last FRI layer is not on the remainder polynomial (or the remainder is too long)",
  BadCalldata: () => "the verify call's arguments point into its own head (a non-standard ABI encoding): refused, so that the verifier and its OOD evaluator read the same bytes",
  BadTape: () => "the verifying key's constraint tape reads a register before it is written",
  JobManagerAlreadyBound: (a) => `the job manager is bound already (${String(a[0])}); it cannot be changed`,
  MinterAlreadyBound: (a) => `the minter is bound already (${String(a[0])}); it cannot be changed`,
  NotModelOwner: (a) => `only the owner of model #${String(a[0])} may register it for on-chain verification (caller ${String(a[1])})`,
  AlreadyRegistered: (a) => `model #${String(a[0])} is already registered for on-chain verification; a registration cannot change`,
  BadFamily: (a) => `the model's on-chain family is inconsistent with its verifying key: ${String(a[0])}`,
  NotRegistered: (a) => `model #${String(a[0])} is not registered for on-chain verification`,
  WrongRegistration: (a) => `the verifying key and family given are not model #${String(a[0])}'s registration`,
  NotSubmitted: (a) => `job #${String(a[0])} has no submitted result to settle (it is ${STATUS[Number(a[1])] ?? String(a[1])})`,
  NotThisVerifier: (a) => `job #${String(a[0])} is judged by another verifier (${String(a[1])})`,
  NotTheJobs: (a) => `the ${String(a[0])} given is not the job's: its SHA-256 is not the commitment on chain`,
  VerificationAborted: () => "the verification ended without a verdict on the proof (out of gas, or an error that is not a check of the proof)",
  NoInvalidVerdict: (a) => `job #${String(a[0])}'s proof ${String(a[1])} has no Invalid verdict here: no reward to pay`,
  BadCiphertextFile: (a) => `the job's ${Number(a[0]) === 0 ? "input" : "output"} ciphertext file is malformed at byte ${String(a[1])} (header, parameters, a count, the checksum, a non-canonical element or a provenance field)`,
  NotJobManager: (a) => `only the job manager may do this (caller ${String(a[0])})`,
  NotMinter: (a) => `only the factory may mint (caller ${String(a[0])})`,
  TooManyParents: (a) => `a model may derive from at most ${String(a[1])} data sets, this one names ${String(a[0])}`,
  DuplicateParent: (a) => `data set #${String(a[0])} is named twice as a parent`,
  NoCommitment: (a) => `no commitment ${String(a[0])} was made for this publication: commit first (commitPublication), publish a block later`,
  CommitmentTooRecent: (a) => `the publication's commitment (block ${String(a[1])}) can be revealed from block ${String(a[2])} on`,
  CommitmentExpired: (a) => `the publication's commitment (block ${String(a[1])}) has expired: commit again`,
  AlreadyCommitted: (a) => `commitment ${String(a[0])} was already made`,
  // other OpenZeppelin utilities
  SafeCastOverflowedUintDowncast: (a) => `the value ${String(a[1])} does not fit in ${String(a[0])} bits`,
  InvalidShortString: () => "a short string is malformed",
  StringTooLong: (a) => `the string "${String(a[0])}" is too long`,
};

/** Whether `name` has a hand-written sentence (tests: every error in the ABIs must). */
export function hasSentence(name: string): boolean {
  return name in MESSAGES;
}

/** A custom error with no hand-written sentence: its name and its arguments named by the ABI. */
export function fallbackSentence(name: string, named: readonly [string, unknown][]): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return `the contract refused (${name}: ${words}${named.length ? `; ${named.map(([k, v]) => `${k} = ${String(v)}`).join(", ")}` : ""})`;
}

/** Decodes revert data into a MarketError (undefined when it is not one of our errors nor a built-in one). */
export function decodeRevert(data: string | undefined): MarketError | undefined {
  if (!data || data === "0x") return undefined;
  for (const iface of interfaces) {
    try {
      const parsed = iface.parseError(data);
      if (!parsed) continue;
      const args = [...parsed.args];
      const named = parsed.fragment.inputs.map((p, i) => [p.name || `arg${i}`, args[i]] as [string, unknown]);
      const sentence = MESSAGES[parsed.name];
      // a custom error's sentence ends with its name, to search for; the built-ins' carry their code already
      const text = sentence ? `${sentence(args, Object.fromEntries(named))}${BUILTIN.has(parsed.name) ? "" : ` (${parsed.name})`}` : fallbackSentence(parsed.name, named);
      return new MarketError(text, parsed.name, args);
    } catch {
      // not this contract's error
    }
  }
  return undefined;
}

function revertData(e: unknown): string | undefined {
  const o = e as { data?: unknown; error?: { data?: unknown }; info?: { error?: { data?: unknown } } };
  for (const d of [o.data, o.error?.data, o.info?.error?.data, (o.info?.error?.data as { data?: unknown })?.data])
    if (typeof d === "string" && d.startsWith("0x")) return d;
  return undefined;
}

/** An ethers argument or numeric error as a sentence naming the argument and its value (undefined otherwise). */
function argumentSentence(e: unknown): string | undefined {
  const o = e as { code?: unknown; argument?: unknown; value?: unknown; shortMessage?: unknown; operation?: unknown; fault?: unknown };
  const value = typeof o.value === "bigint" ? o.value.toString() : typeof o.value === "string" ? o.value : JSON.stringify(o.value);
  const short = typeof o.shortMessage === "string" ? o.shortMessage : "invalid value";
  if (o.code === "INVALID_ARGUMENT" && typeof o.argument === "string") {
    if (/out-of-bounds|overflow/i.test(short)) return `argument "${o.argument}" = ${value} is out of range for its Solidity type (${short})`;
    if (/data length/i.test(short)) return `argument "${o.argument}" = ${value} has the wrong length for its Solidity type (${short})`;
    return `argument "${o.argument}" = ${value} is invalid (${short})`;
  }
  if (o.code === "NUMERIC_FAULT") return `the number ${value} does not fit${typeof o.operation === "string" ? ` in ${o.operation}` : ""} (${short}${typeof o.fault === "string" ? `: ${o.fault}` : ""})`;
  return undefined;
}

/** Any ethers error → MarketError with a readable message. */
export function explain(e: unknown): MarketError {
  if (e instanceof MarketError) return e;
  const decoded = decodeRevert(revertData(e));
  if (decoded) return decoded;
  const argument = argumentSentence(e);
  if (argument) return new MarketError(argument);
  const msg = e instanceof Error ? e.message : String(e);
  if (/ECONNREFUSED|fetch failed|ENOTFOUND|network is unreachable/i.test(msg)) return new MarketError(`cannot reach the RPC endpoint: ${msg.split("\n")[0]}`);
  const short = (e as { shortMessage?: string }).shortMessage;
  if ((e as { code?: unknown }).code === "CALL_EXCEPTION" && /missing revert data/i.test(short ?? msg)) return new MarketError("the contract reverted without saying why (no revert data): check the arguments and the contract address");
  return new MarketError(short ?? msg.split("\n")[0]!);
}
