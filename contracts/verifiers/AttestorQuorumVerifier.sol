// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// STARK tier with off-chain verification by a k-of-n attestor quorum (issue "A marketplace no party can game",
// item 1). Attestors are role-gated AND stake-backed: each keeps at least `minBond` bonded here to vote. Each
// attestor votes once per (job, proof hash); the first side to collect `quorum` votes is the verdict, final. Until
// then the verdict is None, and a job is never paid on None. An attestor whose vote the quorum found against loses
// `penalty` of its bond to the attestors who upheld the verdict (`settleVotes`); when the verdict is Invalid the job
// manager also sends the slashed node's reward share here, split among the upholders (`distributeReward`) — never
// to whoever happens to call `challenge` first. A job's own node may not vote on it.
//
// Trust: fewer than `quorum` attestors collude, and at least `quorum` honest ones are live. An on-chain STARK
// verifier can replace this contract through IVerifier.

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVerifier} from "../interfaces/IVerifier.sol";
import {PullPayments} from "../PullPayments.sol";

/// The job manager's view this verifier needs: who accepted a job.
interface IJobNode {
    function nodeOf(uint256 jobId) external view returns (address);
}

contract AttestorQuorumVerifier is IVerifier, PullPayments, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    bytes32 public constant ATTESTOR_ROLE = keccak256("ATTESTOR_ROLE");
    /// Most votes one claim records (bounds `settleVotes` and `distributeReward`).
    uint256 public constant MAX_VOTERS = 32;

    struct Bond {
        uint256 bonded;
        uint256 unbonding;
        uint64 releaseAt;
    }

    struct Tally {
        uint16 valid;
        uint16 invalid;
        Verdict decided;
        bool settled;
        address[] voters;
    }

    uint16 public immutable quorum;
    uint256 public immutable minBond;
    uint256 public immutable penalty;
    uint64 public immutable unbondingDelay;
    /// Set once: the job manager (the only caller of `distributeReward`; tells whose job a vote is about).
    address public jobManager;

    mapping(address attestor => Bond) public bonds;
    mapping(uint256 jobId => mapping(bytes32 proofHash => Tally)) internal _tallies;
    mapping(uint256 jobId => mapping(bytes32 proofHash => mapping(address attestor => Verdict))) public votes;

    event Bonded(address indexed attestor, uint256 amount);
    event UnbondRequested(address indexed attestor, uint256 amount, uint64 releaseAt);
    event Unbonded(address indexed attestor, uint256 amount);
    event Attested(uint256 indexed jobId, bytes32 indexed proofHash, Verdict verdict, address indexed attestor);
    event VerdictReached(uint256 indexed jobId, bytes32 indexed proofHash, Verdict verdict);
    event VotesSettled(uint256 indexed jobId, bytes32 indexed proofHash, uint256 penalised, uint256 pool);
    event RewardDistributed(uint256 indexed jobId, bytes32 indexed proofHash, uint256 amount, uint256 upholders);
    event JobManagerBound(address jobManager);

    error InvalidQuorum(uint16 quorum);
    error ZeroAmount();
    error NotBonded(address attestor, uint256 bonded, uint256 minBond);
    error AlreadyVoted(uint256 jobId, bytes32 proofHash, address attestor);
    error OwnJob(uint256 jobId, address node);
    error TooManyVoters(uint256 jobId, bytes32 proofHash);
    error NoVerdictYet(uint256 jobId, bytes32 proofHash);
    error AlreadySettled(uint256 jobId, bytes32 proofHash);
    error InsufficientBond(address attestor, uint256 bonded, uint256 requested);
    error StillUnbonding(uint64 releaseAt, uint64 now_);
    error NothingUnbonding(address attestor);
    error JobManagerAlreadyBound(address jobManager);
    error NotJobManager(address caller);
    error NotInvalid(uint256 jobId, bytes32 proofHash);

    constructor(IERC20 token_, address admin, uint48 adminDelay, uint16 quorum_, uint256 minBond_, uint256 penalty_, uint64 unbondingDelay_)
        PullPayments(token_)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        if (quorum_ == 0 || quorum_ > MAX_VOTERS) revert InvalidQuorum(quorum_);
        if (minBond_ == 0) revert ZeroAmount();
        quorum = quorum_;
        minBond = minBond_;
        penalty = penalty_ > minBond_ ? minBond_ : penalty_;
        unbondingDelay = unbondingDelay_;
    }

    /// Binds the job manager, once (the admin cannot later point rewards or votes at another contract).
    function bindJobManager(address jobManager_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (jobManager != address(0)) revert JobManagerAlreadyBound(jobManager);
        if (jobManager_ == address(0)) revert ZeroAddress();
        jobManager = jobManager_;
        emit JobManagerBound(jobManager_);
    }

    // --- bonds -----------------------------------------------------------------------------------------------

    function bond(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        bonds[msg.sender].bonded += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Bonded(msg.sender, amount);
    }

    /// Moves bond into unbonding (still slashable until withdrawn); withdrawable `unbondingDelay` later.
    function requestUnbond(uint256 amount) external {
        Bond storage b = bonds[msg.sender];
        if (amount == 0) revert ZeroAmount();
        if (amount > b.bonded) revert InsufficientBond(msg.sender, b.bonded, amount);
        b.bonded -= amount;
        b.unbonding += amount;
        b.releaseAt = uint64(block.timestamp) + unbondingDelay;
        emit UnbondRequested(msg.sender, amount, b.releaseAt);
    }

    function withdrawUnbonded() external nonReentrant returns (uint256 amount) {
        Bond storage b = bonds[msg.sender];
        amount = b.unbonding;
        if (amount == 0) revert NothingUnbonding(msg.sender);
        if (block.timestamp < b.releaseAt) revert StillUnbonding(b.releaseAt, uint64(block.timestamp));
        b.unbonding = 0;
        token.safeTransfer(msg.sender, amount);
        emit Unbonded(msg.sender, amount);
    }

    // --- votes -----------------------------------------------------------------------------------------------

    function attest(uint256 jobId, bytes32 proofHash, bool valid) external onlyRole(ATTESTOR_ROLE) {
        Bond storage b = bonds[msg.sender];
        if (b.bonded < minBond) revert NotBonded(msg.sender, b.bonded, minBond);
        address node = jobManager == address(0) ? address(0) : IJobNode(jobManager).nodeOf(jobId);
        if (node == msg.sender) revert OwnJob(jobId, node);
        if (votes[jobId][proofHash][msg.sender] != Verdict.None) revert AlreadyVoted(jobId, proofHash, msg.sender);
        Tally storage t = _tallies[jobId][proofHash];
        if (t.voters.length >= MAX_VOTERS) revert TooManyVoters(jobId, proofHash);
        Verdict v = valid ? Verdict.Valid : Verdict.Invalid;
        votes[jobId][proofHash][msg.sender] = v;
        t.voters.push(msg.sender);
        uint16 count = valid ? ++t.valid : ++t.invalid;
        emit Attested(jobId, proofHash, v, msg.sender);
        if (t.decided == Verdict.None && count >= quorum) {
            t.decided = v;
            emit VerdictReached(jobId, proofHash, v);
        }
    }

    function verdict(Claim calldata claim, bytes calldata) external view returns (Verdict) {
        return _tallies[claim.jobId][claim.proofHash].decided;
    }

    function tally(uint256 jobId, bytes32 proofHash) external view returns (uint16 valid, uint16 invalid, Verdict decided, bool settled, address[] memory voters) {
        Tally storage t = _tallies[jobId][proofHash];
        return (t.valid, t.invalid, t.decided, t.settled, t.voters);
    }

    /// After a verdict: every attestor who voted against it loses `penalty` of its bond (bonded first, then
    /// unbonding), split among those who upheld it. Anyone may call; once per claim.
    function settleVotes(uint256 jobId, bytes32 proofHash) external nonReentrant {
        Tally storage t = _tallies[jobId][proofHash];
        if (t.decided == Verdict.None) revert NoVerdictYet(jobId, proofHash);
        if (t.settled) revert AlreadySettled(jobId, proofHash);
        t.settled = true;
        uint256 pool;
        uint256 penalised;
        for (uint256 i = 0; i < t.voters.length; i++) {
            address a = t.voters[i];
            if (votes[jobId][proofHash][a] == t.decided) continue;
            pool += _take(a, penalty);
            penalised++;
        }
        _splitAmongUpholders(jobId, proofHash, t, pool, "penalty share");
        emit VotesSettled(jobId, proofHash, penalised, pool);
    }

    /// The job manager sends a slashed node's reward share here (already transferred) for an Invalid verdict.
    function distributeReward(uint256 jobId, bytes32 proofHash, uint256 amount) external {
        if (msg.sender != jobManager) revert NotJobManager(msg.sender);
        Tally storage t = _tallies[jobId][proofHash];
        if (t.decided != Verdict.Invalid) revert NotInvalid(jobId, proofHash);
        uint256 upholders = _splitAmongUpholders(jobId, proofHash, t, amount, "challenge reward");
        emit RewardDistributed(jobId, proofHash, amount, upholders);
    }

    function rewardsUpholders() external pure returns (bool) {
        return true;
    }

    function tier() external pure returns (string memory) {
        return "stark-quorum: a STARK proof verified off chain by a stake-backed attestor quorum";
    }

    /// Takes up to `amount` of an attestor's bond (bonded, then unbonding) into this contract's free balance.
    function _take(address a, uint256 amount) internal returns (uint256 taken) {
        Bond storage b = bonds[a];
        taken = amount <= b.bonded ? amount : b.bonded;
        b.bonded -= taken;
        uint256 rest = amount - taken;
        uint256 fromUnbonding = rest <= b.unbonding ? rest : b.unbonding;
        b.unbonding -= fromUnbonding;
        taken += fromUnbonding;
    }

    /// Credits `amount` in equal parts to the voters who upheld the verdict (the remainder of the division to the
    /// first of them); returns how many there were.
    function _splitAmongUpholders(uint256 jobId, bytes32 proofHash, Tally storage t, uint256 amount, bytes32 reason) internal returns (uint256 n) {
        address[] memory up = new address[](t.voters.length);
        for (uint256 i = 0; i < t.voters.length; i++) {
            address a = t.voters[i];
            if (votes[jobId][proofHash][a] == t.decided) up[n++] = a;
        }
        if (amount == 0 || n == 0) return n;
        uint256 each = amount / n;
        for (uint256 i = 0; i < n; i++) _credit(up[i], i == 0 ? amount - each * (n - 1) : each, reason);
    }
}
