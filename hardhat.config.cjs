// Hardhat 2 is used only as an in-process Ethereum node (src/chain/hardhat.ts); contracts compile with solc-js
// (scripts/build-contracts.ts). chainId 31337 like anvil, so the token faucet works on both.
module.exports = {
  networks: {
    hardhat: { chainId: 31337, hardfork: "cancun", initialBaseFeePerGas: 0, mining: { auto: true } },
  },
};
