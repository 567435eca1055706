/**
 * The `encryptai` command line. Each part of the workbench registers its command group here. Commander's own
 * errors (unknown flag or command, missing value, excess argument) exit 2 before any action runs; --help and
 * --version exit 0; the exit codes are listed in the --help epilogue (errors.ts).
 */
import { Command } from "commander";
import { registerLwe } from "./lwe.js";
import { registerMarket } from "./market.js";
import { registerRegression } from "./regression.js";
import { registerStark } from "./stark.js";
import { registerVm } from "./vm.js";
import { registerNode } from "./node.js";
import { registerVerify } from "./verify.js";
import { registerDecode } from "./decode.js";
import { EXIT, EXIT_CODES_HELP } from "./errors.js";

// `encryptai … | head`: the reader went away — stop quietly (exit 0), as Unix tools do, not with a stack trace
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(EXIT.ok);
  throw e;
});

const program = new Command()
  .name("encryptai")
  .description("EncryptAI Workbench: LWE encryption, zkVM, STARK proofs and marketplace contracts for verifiable private ML")
  .version("0.1.0")
  .showHelpAfterError()
  .addHelpText("after", `\n${EXIT_CODES_HELP}`)
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  });

registerLwe(program);
registerRegression(program);
registerDecode(program);
registerMarket(program);
registerStark(program);
registerVm(program);
registerNode(program);
registerVerify(program);

await program.parseAsync(process.argv);
