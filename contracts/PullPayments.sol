// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Pull payments in the EncryptAI token: contracts credit what they owe into per-account balances and each account
// withdraws its own (no push transfers to arbitrary receivers inside business logic). Invariant kept by every user
// of this base: token.balanceOf(this) == totalOwed + whatever the contract escrows.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

abstract contract PullPayments is ReentrancyGuard {
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    mapping(address account => uint256) public owed;
    uint256 public totalOwed;

    event Credited(address indexed account, uint256 amount, bytes32 indexed reason);
    event Withdrawn(address indexed account, uint256 amount);

    error NothingToWithdraw(address account);
    error ZeroAddress();

    constructor(IERC20 token_) {
        if (address(token_) == address(0)) revert ZeroAddress();
        token = token_;
    }

    function _credit(address account, uint256 amount, bytes32 reason) internal {
        if (amount == 0) return;
        owed[account] += amount;
        totalOwed += amount;
        emit Credited(account, amount, reason);
    }

    function withdraw() external nonReentrant returns (uint256 amount) {
        amount = owed[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        owed[msg.sender] = 0;
        totalOwed -= amount;
        token.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }
}
