/**
 * Turns a reverted transaction into a sentence: every custom error of every contract is decoded by name and
 * arguments, and the common ones get a message that says what was wrong ("price rose above your max price
 * 120 EAI: now 150 EAI"). Connection problems are named too.
 */
import { Interface, formatUnits } from "ethers";
import { ARTIFACTS } from "./contracts.js";

export class MarketError extends Error {
  constructor(
    message: string,
    /** The custom error's name, when the revert was decoded. */
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

const MESSAGES: Record<string, (a: readonly unknown[]) => string> = {
  PriceAboveMax: (a) => `price rose above your max price ${eai(a[0])}: now ${eai(a[1])}`,
  UseFeeAboveMax: (a) => `the model's per-use fee rose above your max ${eai(a[0])}: now ${eai(a[1])}`,
  ERC20InsufficientBalance: (a) => `insufficient EAI balance: ${String(a[0])} has ${eai(a[1])}, needs ${eai(a[2])}`,
  ERC20InsufficientAllowance: (a) => `insufficient EAI allowance for ${String(a[0])}: ${eai(a[1])} approved, ${eai(a[2])} needed`,
  AlreadyLicensed: (a) => `${String(a[2])} already holds a licence to ${KIND[Number(a[0])]} #${String(a[1])}`,
  DuplicateContent: (a) => `this content (hash ${String(a[0])}) is already published as token #${String(a[1])}`,
  MissingDataLicence: (a) => `publishing this model needs a licence to data set #${String(a[0])}: buy access to it first`,
  AccessControlUnauthorizedAccount: (a) => `account ${String(a[0])} lacks the role ${String(a[1])} this action needs`,
  InsufficientFreeStake: (a) => `node ${String(a[0])} has ${eai(a[1])} of free stake, ${eai(a[2])} needed (stake more or wait for jobs to settle)`,
  StillUnbonding: (a) => `stake is still unbonding until ${when(a[0])}`,
  WrongStatus: (a) => `job #${String(a[0])} is ${STATUS[Number(a[1])]}, the action needs ${STATUS[Number(a[2])]}`,
  ChallengeWindowOpen: (a) => `job #${String(a[0])} can be finalised after its challenge window closes at ${when(a[1])}`,
  ChallengeWindowClosed: (a) => `the challenge window of job #${String(a[0])} closed at ${when(a[1])}`,
  ChallengeRejected: (a) => `challenge rejected: the verifier accepts job #${String(a[0])}'s result`,
  DeadlinePassed: (a) => `job #${String(a[0])}'s deadline ${when(a[1])} has passed`,
  DeadlineNotPassed: (a) => `job #${String(a[0])} is not overdue (deadline ${when(a[1])})`,
  DeadlineInPast: (a) => `deadline ${when(a[0])} is not in the future (chain time ${when(a[1])})`,
  NothingToWithdraw: (a) => `nothing to withdraw for ${String(a[0])}`,
  FaucetDisabled: (a) => `the faucet only works on local dev chains (this is chain ${String(a[0])})`,
  NotJobNode: (a) => `only the node that accepted job #${String(a[0])} may submit its result`,
  ReentrancyGuardReentrantCall: () => "reentrant call refused",
  NotTokenOwner: (a) => `only the owner of token #${String(a[0])} may do this (caller ${String(a[1])})`,
  UnknownToken: (a) => `token #${String(a[0])} does not exist`,
  ERC721NonexistentToken: (a) => `token #${String(a[0])} does not exist`,
  UnknownJob: (a) => `job #${String(a[0])} does not exist`,
  VerifierNotAllowed: (a) => `verifier ${String(a[0])} is not allowed by the job manager`,
  EmptyContentHash: () => "the content hash must not be zero",
  VerdictNotValid: (a) => `job #${String(a[0])} has verdict ${VERDICT[Number(a[1])]}: it is paid only on a Valid verdict`,
  VerdictGiven: (a) => `job #${String(a[0])} has verdict ${VERDICT[Number(a[1])]}: only a job without a verdict is refunded`,
  VerdictGraceOpen: (a) => `job #${String(a[0])} may still get a verdict until ${when(a[1])}; an undecided job is refunded after that`,
  InvalidParameter: (a) => `parameter ${String(a[0])} = ${String(a[1])} is out of range`,
  AlreadyVoted: (a) => `attestor ${String(a[2])} already voted on job #${String(a[0])}'s proof ${String(a[1])}`,
  NotBonded: (a) => `attestor ${String(a[0])} has ${eai(a[1])} bonded, ${eai(a[2])} needed to vote`,
  OwnJob: (a) => `node ${String(a[1])} may not vote on its own job #${String(a[0])}`,
  TooManyVoters: (a) => `job #${String(a[0])}'s proof ${String(a[1])} already has the most votes one claim records`,
  NoVerdictYet: (a) => `job #${String(a[0])}'s proof ${String(a[1])} has no verdict yet`,
  AlreadySettled: (a) => `the votes on job #${String(a[0])}'s proof ${String(a[1])} are already settled`,
  InvalidQuorum: (a) => `a quorum of ${String(a[0])} votes is out of range (1 … 32)`,
  JobManagerAlreadyBound: (a) => `the job manager is bound already (${String(a[0])}); it cannot be changed`,
  MinterAlreadyBound: (a) => `the minter is bound already (${String(a[0])}); it cannot be changed`,
  NotJobManager: (a) => `only the job manager may do this (caller ${String(a[0])})`,
  NotMinter: (a) => `only the factory may mint (caller ${String(a[0])})`,
  TooManyParents: (a) => `a model may derive from at most ${String(a[1])} data sets, this one names ${String(a[0])}`,
  DuplicateParent: (a) => `data set #${String(a[0])} is named twice as a parent`,
  NoCommitment: (a) => `no commitment ${String(a[0])} was made for this publication: commit first (commitPublication), publish a block later`,
  CommitmentTooRecent: (a) => `the publication's commitment (block ${String(a[1])}) can be revealed from block ${String(a[2])} on`,
  CommitmentExpired: (a) => `the publication's commitment (block ${String(a[1])}) has expired: commit again`,
  AlreadyCommitted: (a) => `commitment ${String(a[0])} was already made`,
  AccessControlEnforcedDefaultAdminDelay: (a) => `the admin transfer can be accepted from ${when(a[0])} on`,
  AccessControlEnforcedDefaultAdminRules: () => "the admin role moves only by the delayed two-step transfer (beginDefaultAdminTransfer, then acceptDefaultAdminTransfer)",
};

/** Decodes revert data into a MarketError (undefined when it is not one of our errors). */
export function decodeRevert(data: string | undefined): MarketError | undefined {
  if (!data || data === "0x") return undefined;
  for (const iface of interfaces) {
    try {
      const parsed = iface.parseError(data);
      if (!parsed) continue;
      const args = [...parsed.args];
      const text = MESSAGES[parsed.name]?.(args) ?? `${parsed.name}(${args.map(String).join(", ")})`;
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

/** Any ethers error → MarketError with a readable message. */
export function explain(e: unknown): MarketError {
  if (e instanceof MarketError) return e;
  const decoded = decodeRevert(revertData(e));
  if (decoded) return decoded;
  const msg = e instanceof Error ? e.message : String(e);
  if (/ECONNREFUSED|fetch failed|ENOTFOUND|network is unreachable/i.test(msg)) return new MarketError(`cannot reach the RPC endpoint: ${msg.split("\n")[0]}`);
  const short = (e as { shortMessage?: string }).shortMessage;
  return new MarketError(short ?? msg.split("\n")[0]!);
}
