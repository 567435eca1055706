/**
 * What a long-running node or watcher has decided, per job, kept in a JSON file written atomically (issue 12,
 * item 3: "persist the cursor and verdicts — a restart resumes, never re-crashes on the same job"):
 *
 *   - the cursor: every job below it is finished, so a pass starts there instead of at job #1;
 *   - per job: "open" (being worked on) or "done" (never looked at again), the decision and its reason (a verdict,
 *     a refusal, a submission…), and `attempts`: a start is counted and saved BEFORE the work, and taken back when
 *     the work returns without a decision — so the count that remains is the number of times the process stopped
 *     during that job (an out-of-memory abort, a kill), and the caller skips a job after a few;
 *   - notes: small numbers the process keeps across restarts (the node's proving estimates).
 *
 * The file is bound to one deployment and one account (chain id, JobManager address, the account's address): a
 * state file of another deployment or account is refused, naming the field. Without a file the ledger lives in
 * memory only (tests, `--once` runs that keep nothing).
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../io/atomic-write.js";
import { NodeError } from "./errors.js";

export const LEDGER_FORMAT = "encryptai-job-ledger";
export const LEDGER_VERSION = 1;

/** Who keeps the ledger, and for which deployment. */
export interface LedgerScope {
  readonly role: "node" | "watcher";
  readonly chainId: number;
  readonly jobManager: string;
  readonly account: string;
}

export interface JobRecord {
  readonly state: "open" | "done";
  /** Starts of work on this job that did not return (the process stopped during them). */
  readonly attempts: number;
  /** The decision in a word or two: "judged", "refused", "submitted", "skipped", … */
  readonly outcome?: string;
  readonly reason?: string;
  readonly valid?: boolean;
  readonly attested?: boolean;
  readonly challenged?: boolean;
  /** When the record last changed (ISO time). */
  readonly at?: string;
}

interface LedgerFile extends LedgerScope {
  readonly format: typeof LEDGER_FORMAT;
  readonly version: typeof LEDGER_VERSION;
  readonly cursor: string;
  readonly jobs: Record<string, JobRecord>;
  readonly notes: Record<string, number>;
}

/** Fields of a record a caller sets (state and attempts are the ledger's). */
export type Decision = Omit<JobRecord, "state" | "attempts" | "at">;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parse(text: string, file: string, scope: LedgerScope): LedgerFile {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new NodeError(`state file ${file} is not JSON: ${(e as Error).message}`);
  }
  if (!isRecord(o) || o.format !== LEDGER_FORMAT) throw new NodeError(`state file ${file} is not an ${LEDGER_FORMAT} file`);
  if (o.version !== LEDGER_VERSION) throw new NodeError(`state file ${file} has version ${JSON.stringify(o.version)}, this program reads version ${LEDGER_VERSION}`);
  for (const k of ["role", "chainId", "jobManager", "account"] as const) {
    const want = scope[k];
    const got = o[k];
    const same = typeof want === "string" && typeof got === "string" ? want.toLowerCase() === got.toLowerCase() : want === got;
    if (!same) throw new NodeError(`state file ${file} belongs to ${k} ${JSON.stringify(got)}, this process is ${k} ${JSON.stringify(want)}: use another --state file`);
  }
  if (typeof o.cursor !== "string" || !/^[1-9][0-9]{0,77}$/.test(o.cursor)) throw new NodeError(`state file ${file}: field "cursor" must be a job id (a positive decimal string)`);
  if (!isRecord(o.jobs)) throw new NodeError(`state file ${file}: field "jobs" must be an object`);
  for (const [id, r] of Object.entries(o.jobs)) {
    if (!/^[1-9][0-9]{0,77}$/.test(id)) throw new NodeError(`state file ${file}: job key "${id}" is not a job id`);
    if (!isRecord(r) || (r.state !== "open" && r.state !== "done") || !Number.isSafeInteger(r.attempts) || (r.attempts as number) < 0)
      throw new NodeError(`state file ${file}: job ${id} must have state "open" or "done" and a non-negative attempts count`);
  }
  if (!isRecord(o.notes) || !Object.values(o.notes).every((v) => typeof v === "number" && Number.isFinite(v))) throw new NodeError(`state file ${file}: field "notes" must map names to numbers`);
  return o as unknown as LedgerFile;
}

export class JobLedger {
  private cursorId: bigint;
  private readonly jobs: Map<bigint, JobRecord>;
  /** Done jobs whose record is dropped once the cursor passes them (nothing was decided: not this process's job). */
  private readonly quiet = new Set<bigint>();
  private readonly notes: Map<string, number>;

  private constructor(
    readonly file: string | undefined,
    readonly scope: LedgerScope,
    data: LedgerFile | undefined,
  ) {
    this.cursorId = data ? BigInt(data.cursor) : 1n;
    this.jobs = new Map(Object.entries(data?.jobs ?? {}).map(([k, v]) => [BigInt(k), v]));
    this.notes = new Map(Object.entries(data?.notes ?? {}));
  }

  /** Opens `file` (a missing file is a fresh ledger), or an in-memory ledger without one. */
  static async open(file: string | undefined, scope: LedgerScope): Promise<JobLedger> {
    if (file === undefined) return new JobLedger(undefined, scope, undefined);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return new JobLedger(file, scope, undefined);
      throw new NodeError(`cannot read state file ${file}: ${(e as Error).message}`);
    }
    return new JobLedger(file, scope, parse(text, file, scope));
  }

  /** Every job below the cursor is finished. */
  get cursor(): bigint {
    return this.cursorId;
  }

  get(id: bigint): JobRecord | undefined {
    return this.jobs.get(id);
  }

  isDone(id: bigint): boolean {
    return id < this.cursorId || this.jobs.get(id)?.state === "done";
  }

  attempts(id: bigint): number {
    return this.jobs.get(id)?.attempts ?? 0;
  }

  /** Counts and saves one start of work on `id` (before the work); returns the count. */
  async begin(id: bigint): Promise<number> {
    const r = this.jobs.get(id);
    const attempts = (r?.attempts ?? 0) + 1;
    this.jobs.set(id, { ...r, state: "open", attempts, at: new Date().toISOString() });
    await this.save();
    return attempts;
  }

  /** Takes back the start counted by `begin`: the work returned (without finishing the job). */
  async release(id: bigint, d: Decision = {}): Promise<void> {
    const r = this.jobs.get(id);
    if (!r || r.state === "done") return;
    this.jobs.set(id, { ...r, ...d, state: "open", attempts: Math.max(0, r.attempts - 1), at: new Date().toISOString() });
    await this.save();
  }

  /** Finishes `id` with its decision; `quiet`: nothing worth keeping once the cursor passes it. */
  async finish(id: bigint, d: Decision, o: { readonly quiet?: boolean } = {}): Promise<void> {
    const r = this.jobs.get(id);
    this.jobs.set(id, { ...r, ...d, state: "done", attempts: r?.attempts ?? 0, at: new Date().toISOString() });
    if (o.quiet) this.quiet.add(id);
    while (this.jobs.get(this.cursorId)?.state === "done") {
      if (this.quiet.delete(this.cursorId)) this.jobs.delete(this.cursorId);
      this.cursorId++;
    }
    await this.save();
  }

  note(name: string): number | undefined {
    return this.notes.get(name);
  }

  async setNote(name: string, value: number): Promise<void> {
    if (this.notes.get(name) === value) return;
    this.notes.set(name, value);
    await this.save();
  }

  /** The file's content. */
  toJSON(): LedgerFile {
    return {
      format: LEDGER_FORMAT,
      version: LEDGER_VERSION,
      ...this.scope,
      cursor: this.cursorId.toString(),
      jobs: Object.fromEntries([...this.jobs].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k.toString(), v])),
      notes: Object.fromEntries(this.notes),
    };
  }

  private async save(): Promise<void> {
    if (this.file !== undefined) await writeFileAtomic(this.file, `${JSON.stringify(this.toJSON(), null, 1)}\n`);
  }
}
