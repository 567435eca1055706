/**
 * Progress bars for the CLI's long steps (issue 18, item 5): encrypting many values, proving, training and
 * predicting on big sets. A bar is drawn on stderr and only when stderr is a terminal — tests, pipes and --json
 * consumers see nothing. Work is synchronous, so the bar redraws from its update() calls (cli-progress's
 * synchronousUpdate), not from a timer.
 */
import { SingleBar } from "cli-progress";

export interface Progress {
  update(done: number, label?: string): void;
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

/** Whether bars are drawn: stderr is a TTY and ENCRYPTAI_NO_PROGRESS is not set. */
export function progressEnabled(): boolean {
  return process.stderr.isTTY === true && !process.env.ENCRYPTAI_NO_PROGRESS;
}

/**
 * A bar of `total` units named `what` ("encrypting", "proving"); a no-op when bars are off or the step is small
 * (fewer than `minTotal` units).
 */
export function progress(what: string, total: number, minTotal = 1): Progress {
  if (!progressEnabled() || total < minTotal) return NONE;
  const bar = new SingleBar({ format: `${what} [{bar}] {value}/{total} {label} {duration}s`, hideCursor: true, stream: process.stderr, synchronousUpdate: true, fps: 10 });
  bar.start(total, 0, { label: "" });
  return {
    update: (done, label) => bar.update(done, { label: label ?? "" }),
    stop: () => bar.stop(),
  };
}
