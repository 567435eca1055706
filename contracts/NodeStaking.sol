// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Node staking (thesis §1.1 and §6 future work: nodes bonded with the native token). Nodes stake, lock part of
// it per accepted job, and unstake only free stake after an unbonding delay. Only the job manager locks, unlocks
// and slashes — bound once at deployment, so no admin can later give itself the power to slash (issue "A
// marketplace no party can game", item 4). Invariant: locked ≤ staked for every node; token balance = Σ staked +
// Σ unbonding.

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

contract NodeStaking is AccessControlDefaultAdminRules, ReentrancyGuard {
    using SafeERC20 for IERC20;


    struct Node {
        uint256 staked;
        uint256 locked;
        uint256 unbonding;
        uint64 releaseAt;
    }

    IERC20 public immutable token;
    uint64 public immutable unbondingDelay;
    /// Set once: the only contract that locks, unlocks and slashes stake.
    address public jobManager;
    mapping(address node => Node) public nodes;

    event Staked(address indexed node, uint256 amount);
    event UnstakeRequested(address indexed node, uint256 amount, uint64 releaseAt);
    event Unstaked(address indexed node, uint256 amount);
    event Locked(address indexed node, uint256 amount);
    event Unlocked(address indexed node, uint256 amount);
    event Slashed(address indexed node, uint256 amount, address indexed recipient);

    error ZeroAmount();
    error InsufficientFreeStake(address node, uint256 free, uint256 requested);
    error InsufficientLockedStake(address node, uint256 locked, uint256 requested);
    error StillUnbonding(uint64 releaseAt, uint64 now_);
    error NothingUnbonding(address node);
    error JobManagerAlreadyBound(address jobManager);
    error NotJobManager(address caller);
    error ZeroAddress();

    event JobManagerBound(address jobManager);

    modifier onlyJobManager() {
        if (msg.sender != jobManager) revert NotJobManager(msg.sender);
        _;
    }

    constructor(IERC20 token_, uint64 unbondingDelay_, address admin, uint48 adminDelay) AccessControlDefaultAdminRules(adminDelay, admin) {
        token = token_;
        unbondingDelay = unbondingDelay_;
    }

    /// Binds the job manager, once.
    function bindJobManager(address jobManager_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (jobManager != address(0)) revert JobManagerAlreadyBound(jobManager);
        if (jobManager_ == address(0)) revert ZeroAddress();
        jobManager = jobManager_;
        emit JobManagerBound(jobManager_);
    }

    function freeStake(address node) public view returns (uint256) {
        Node storage n = nodes[node];
        return n.staked - n.locked;
    }

    function stake(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        nodes[msg.sender].staked += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Staked(msg.sender, amount);
    }

    /// Moves free stake into unbonding; it can be withdrawn `unbondingDelay` seconds later.
    function requestUnstake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 free = freeStake(msg.sender);
        if (amount > free) revert InsufficientFreeStake(msg.sender, free, amount);
        Node storage n = nodes[msg.sender];
        n.staked -= amount;
        n.unbonding += amount;
        n.releaseAt = uint64(block.timestamp) + unbondingDelay;
        emit UnstakeRequested(msg.sender, amount, n.releaseAt);
    }

    function withdrawUnstaked() external nonReentrant returns (uint256 amount) {
        Node storage n = nodes[msg.sender];
        amount = n.unbonding;
        if (amount == 0) revert NothingUnbonding(msg.sender);
        if (block.timestamp < n.releaseAt) revert StillUnbonding(n.releaseAt, uint64(block.timestamp));
        n.unbonding = 0;
        token.safeTransfer(msg.sender, amount);
        emit Unstaked(msg.sender, amount);
    }

    function lock(address node, uint256 amount) external onlyJobManager {
        uint256 free = freeStake(node);
        if (amount > free) revert InsufficientFreeStake(node, free, amount);
        nodes[node].locked += amount;
        emit Locked(node, amount);
    }

    function unlock(address node, uint256 amount) external onlyJobManager {
        Node storage n = nodes[node];
        if (amount > n.locked) revert InsufficientLockedStake(node, n.locked, amount);
        n.locked -= amount;
        emit Unlocked(node, amount);
    }

    /// Takes `amount` of the node's locked stake and sends it to `recipient` (the job manager, which credits it).
    function slash(address node, uint256 amount, address recipient) external onlyJobManager nonReentrant {
        Node storage n = nodes[node];
        if (amount > n.locked) revert InsufficientLockedStake(node, n.locked, amount);
        n.locked -= amount;
        n.staked -= amount;
        token.safeTransfer(recipient, amount);
        emit Slashed(node, amount, recipient);
    }
}
