/**
 * The soak test's long-running parties (issue "A marketplace no party can game", item 6): real `encryptai node`
 * and `encryptai watch` processes, each restartable with its own flags (a watcher's store pointed elsewhere for a
 * while), killed like a crash (SIGKILL) or stopped (SIGTERM), their output kept line by line in a log file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths.js";

export class PartyProcess {
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];
  /** How many times the process was started. */
  starts = 0;

  constructor(
    readonly name: string,
    /** The CLI command and flags (after `encryptai`). */
    private readonly args: readonly string[],
    /** Environment additions (the key variable). */
    private readonly env: Readonly<Record<string, string>>,
    private readonly logFile: string,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process; `override` replaces flags of the same name (e.g. `--store <elsewhere>`). */
  start(override: readonly string[] = []): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const args = [...this.args];
    for (let i = 0; i < override.length; i += 2) {
      const at = args.indexOf(override[i]!);
      if (at >= 0) args[at + 1] = override[i + 1]!;
      else args.push(override[i]!, override[i + 1]!);
    }
    const child = spawn(process.execPath, [join(projectRoot(), "bin", "encryptai.mjs"), ...args], { env: { ...process.env, ...this.env }, stdio: ["ignore", "pipe", "pipe"] });
    this.starts++;
    const keep = (prefix: string) => (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() === "") continue;
        this.output.push(line);
        appendFileSync(this.logFile, `${new Date().toISOString()} ${this.name}${prefix} ${line}\n`);
      }
    };
    child.stdout!.on("data", keep(""));
    child.stderr!.on("data", keep(" [stderr]"));
    this.child = child;
  }

  /** Stops the process (SIGKILL: a crash; SIGTERM: a clean stop) and waits for it to exit. */
  async stop(signal: "SIGKILL" | "SIGTERM" = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Every line the process printed, over all its runs. */
  lines(): readonly string[] {
    return this.output;
  }
}
