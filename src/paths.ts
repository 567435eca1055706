/**
 * Where the workbench's own files (datasets/, notebooks/) are: $ENCRYPTAI_HOME (set by bin/encryptai.mjs),
 * else the nearest folder above the working directory whose package.json is this package's.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "encryptai-workbench";

export function projectRoot(): string {
  const fromEnv = process.env.ENCRYPTAI_HOME;
  if (fromEnv) return fromEnv;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // not a readable package.json: keep looking
      }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} folder above ${process.cwd()}; set ENCRYPTAI_HOME`);
  }
}
