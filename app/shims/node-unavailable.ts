/**
 * What the browser bundle gets for node:fs, node:path, node:worker_threads and the other built-ins that only the
 * Node side of src/ calls (the prover's file output, the watcher's worker sandbox, the CLI). Importing a module
 * that names them is fine; calling one throws an error that names the call, never a silent stand-in.
 */
function unavailable(name: string): (...args: unknown[]) => never {
  return () => {
    throw new Error(`${name} is not available in the browser (a Node-only code path was reached)`);
  };
}

export const readFileSync = unavailable("fs.readFileSync");
export const writeFileSync = unavailable("fs.writeFileSync");
export const existsSync = unavailable("fs.existsSync");
export const mkdtempSync = unavailable("fs.mkdtempSync");
export const mkdirSync = unavailable("fs.mkdirSync");
export const rmSync = unavailable("fs.rmSync");
export const statSync = unavailable("fs.statSync");
export const accessSync = unavailable("fs.accessSync");
export const renameSync = unavailable("fs.renameSync");
export const openSync = unavailable("fs.openSync");
export const closeSync = unavailable("fs.closeSync");
export const fsyncSync = unavailable("fs.fsyncSync");
export const writeSync = unavailable("fs.writeSync");
export const readdirSync = unavailable("fs.readdirSync");
export const constants = {};
export const open = unavailable("fs.open");
export const stat = unavailable("fs.stat");
export const mkdir = unavailable("fs.mkdir");
export const rename = unavailable("fs.rename");
export const rm = unavailable("fs.rm");
export const readFile = unavailable("fs.readFile");
export const writeFile = unavailable("fs.writeFile");
export const join = unavailable("path.join");
export const dirname = unavailable("path.dirname");
export const basename = unavailable("path.basename");
export const resolve = unavailable("path.resolve");
export const relative = unavailable("path.relative");
export const delimiter = ":";
export const sep = "/";
export const pathToFileURL = unavailable("url.pathToFileURL");
export const fileURLToPath = unavailable("url.fileURLToPath");
export const Worker = unavailable("worker_threads.Worker");
export const isMainThread = true;
export const parentPort = null;
export const workerData = undefined;
export const spawn = unavailable("child_process.spawn");
export const execFileSync = unavailable("child_process.execFileSync");
export const createRequire = unavailable("module.createRequire");
export const createServer = unavailable("net.createServer");
export const availableParallelism = unavailable("os.availableParallelism");

export default {};
