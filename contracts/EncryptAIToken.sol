// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// EncryptAI token (thesis §5.2): the ERC-20 that pays for data, models and compute jobs.
// Permit (EIP-2612), a hard supply cap, role-gated minting, and a faucet that only works on local dev chains. The
// admin (a delayed two-step transfer) can grant and revoke the minter role; minting never exceeds the cap.

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

contract EncryptAIToken is ERC20, ERC20Permit, ERC20Capped, AccessControlDefaultAdminRules {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// Chain id of Hardhat and anvil dev nodes: the only chain where the faucet works.
    uint256 public constant LOCAL_CHAIN_ID = 31337;
    uint256 public constant FAUCET_MAX = 10_000 ether;

    error FaucetDisabled(uint256 chainId);
    error FaucetAmountTooLarge(uint256 requested, uint256 max);

    constructor(address admin, uint48 adminDelay, uint256 cap_)
        ERC20("EncryptAI", "EAI")
        ERC20Permit("EncryptAI")
        ERC20Capped(cap_)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        _grantRole(MINTER_ROLE, admin);
    }

    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// Free tokens for experiments on a local chain; reverts everywhere else.
    function faucet(uint256 amount) external {
        if (block.chainid != LOCAL_CHAIN_ID) revert FaucetDisabled(block.chainid);
        if (amount > FAUCET_MAX) revert FaucetAmountTooLarge(amount, FAUCET_MAX);
        _mint(msg.sender, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
