/**
 * The `encryptai` command line. Each part of the workbench registers its command group here.
 */
import { Command } from "commander";
import { registerLwe } from "./lwe.js";
import { registerMarket } from "./market.js";
import { registerRegression } from "./regression.js";
import { registerStark } from "./stark.js";
import { registerVm } from "./vm.js";
import { registerNode } from "./node.js";
import { registerVerify } from "./verify.js";

const program = new Command()
  .name("encryptai")
  .description("EncryptAI Workbench: LWE encryption, zkVM, STARK proofs and marketplace contracts for verifiable private ML")
  .version("0.1.0")
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 1);
  });

registerLwe(program);
registerRegression(program);
registerMarket(program);
registerStark(program);
registerVm(program);
registerNode(program);
registerVerify(program);

await program.parseAsync(process.argv);
