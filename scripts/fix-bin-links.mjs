// postinstall: tslab ships its own TypeScript fork whose `tsc`/`tsserver` links can win
// node_modules/.bin; point them back at the pinned typescript package (see shared NOTES).
import { existsSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";

const bin = join(process.cwd(), "node_modules", ".bin");
for (const tool of ["tsc", "tsserver"]) {
  const target = join("..", "typescript", "bin", tool);
  if (!existsSync(join(bin, target))) continue;
  rmSync(join(bin, tool), { force: true });
  symlinkSync(target, join(bin, tool));
}
