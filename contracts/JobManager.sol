// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Compute jobs (thesis §3 step 4; issue "A marketplace no party can game"): a user requests inference on a model
// with an input commitment, escrowing the node fee and the model's per-use fee; a staked node accepts (stake
// locked) and submits the output-ciphertext hash and a proof commitment. The job's verifier then gives a verdict:
//
//   Valid   — after the challenge window, `finalise` pays the node, the model owner, the data owners, the protocol;
//   Invalid — `challenge` (anyone, any time while Submitted) slashes the node: the user gets the escrow back, the
//             reward share of the stake goes to whoever established the verdict (the verifier's upholding
//             attestors; the treasury for a verifier that pays nobody), the rest to the treasury;
//   None    — no verdict: the job is never paid. Once `verdictGrace` has passed after the window, `refundUndecided`
//             returns the escrow to the user and unlocks the node's stake (nobody showed it wrong).
//
// A node that misses its deadline is slashed by `expire`: the user gets the escrow back (made whole, no profit),
// the stake goes to the treasury. Nobody profits from a wrong action: the table is in docs/contracts.md.
//
//   Requested ──accept──▶ Accepted ──submit──▶ Submitted ──(Valid, window passed) finalise──▶ Finalised
//       │                     │                    ├──(Invalid) challenge──▶ Slashed
//       │                     │                    └──(None, window + grace passed) refundUndecided──▶ Refunded
//       └──cancel──▶ Cancelled └──(deadline passes) expire──▶ Slashed

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVerifier} from "./interfaces/IVerifier.sol";
import {Marketplace} from "./Marketplace.sol";
import {ModelNFT} from "./ModelNFT.sol";
import {NodeStaking} from "./NodeStaking.sol";
import {PullPayments} from "./PullPayments.sol";

contract JobManager is PullPayments, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    enum Status {
        None,
        Requested,
        Accepted,
        Submitted,
        Finalised,
        Slashed,
        Cancelled,
        Refunded
    }

    struct Job {
        address user;
        uint256 modelId;
        bytes32 inputCommitment;
        uint256 nodeFee;
        uint256 useFee;
        uint64 deadline;
        uint64 submittedAt;
        Status status;
        address node;
        uint256 stakeLocked;
        IVerifier verifier;
        bytes32 outputHash;
        bytes32 proofHash;
    }

    ModelNFT public immutable modelNft;
    Marketplace public immutable marketplace;
    NodeStaking public immutable staking;
    uint64 public immutable challengeWindow;
    /// How long after the challenge window a verdict may still arrive before an undecided job is refunded.
    uint64 public immutable verdictGrace;
    /// Stake a node locks per job: max(minJobStake, stakeMultiple × escrow).
    uint256 public immutable minJobStake;
    uint256 public immutable stakeMultiple;
    /// Share of a stake slashed for an Invalid verdict paid to those who established it (basis points).
    uint16 public immutable challengerShareBps;
    /// Receives slashed stake beyond the upholders' reward (so no party profits from a slash).
    address public immutable treasury;

    mapping(IVerifier verifier => bool) public verifierAllowed;
    mapping(uint256 jobId => Job) internal _jobs;
    mapping(uint256 jobId => string) public inputCid;
    mapping(uint256 jobId => string) public proofCid;
    uint256 public jobCount;
    uint256 public totalEscrow;

    event JobRequested(uint256 indexed jobId, address indexed user, uint256 indexed modelId, bytes32 inputCommitment, uint256 nodeFee, uint256 useFee, uint64 deadline, IVerifier verifier);
    event JobAccepted(uint256 indexed jobId, address indexed node, uint256 stakeLocked);
    event ResultSubmitted(uint256 indexed jobId, bytes32 outputHash, bytes32 proofHash, string proofCid);
    event JobFinalised(uint256 indexed jobId, address indexed node, uint256 nodeFee, uint256 useFee);
    event JobSlashed(uint256 indexed jobId, address indexed node, uint256 slashed, uint256 reward, bool expired);
    event JobRefunded(uint256 indexed jobId, address indexed node);
    event JobCancelled(uint256 indexed jobId);
    event VerifierAllowed(IVerifier indexed verifier, bool allowed);

    error UnknownJob(uint256 jobId);
    error WrongStatus(uint256 jobId, Status actual, Status expected);
    error UseFeeAboveMax(uint256 maxUseFee, uint256 useFee);
    error DeadlineInPast(uint64 deadline, uint64 now_);
    error DeadlinePassed(uint256 jobId, uint64 deadline);
    error DeadlineNotPassed(uint256 jobId, uint64 deadline);
    error VerifierNotAllowed(IVerifier verifier);
    error NotJobNode(uint256 jobId, address caller);
    error NotJobUser(uint256 jobId, address caller);
    error ChallengeWindowClosed(uint256 jobId, uint64 closedAt);
    error ChallengeWindowOpen(uint256 jobId, uint64 closesAt);
    error ChallengeRejected(uint256 jobId);
    error VerdictNotValid(uint256 jobId, IVerifier.Verdict verdict);
    error VerdictGiven(uint256 jobId, IVerifier.Verdict verdict);
    error VerdictGraceOpen(uint256 jobId, uint64 closesAt);
    error EmptyCommitment();
    error InvalidParameter(string name, uint256 value);

    constructor(
        IERC20 token_,
        ModelNFT modelNft_,
        Marketplace marketplace_,
        NodeStaking staking_,
        address admin,
        uint48 adminDelay,
        address treasury_,
        uint64 challengeWindow_,
        uint64 verdictGrace_,
        uint256 minJobStake_,
        uint256 stakeMultiple_,
        uint16 challengerShareBps_
    ) PullPayments(token_) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (treasury_ == address(0)) revert ZeroAddress();
        if (challengeWindow_ == 0) revert InvalidParameter("challengeWindow", challengeWindow_);
        if (verdictGrace_ == 0) revert InvalidParameter("verdictGrace", verdictGrace_);
        if (minJobStake_ == 0) revert InvalidParameter("minJobStake", minJobStake_);
        if (stakeMultiple_ == 0 || stakeMultiple_ > 1000) revert InvalidParameter("stakeMultiple", stakeMultiple_);
        if (challengerShareBps_ > 10_000) revert InvalidParameter("challengerShareBps", challengerShareBps_);
        modelNft = modelNft_;
        marketplace = marketplace_;
        staking = staking_;
        treasury = treasury_;
        challengeWindow = challengeWindow_;
        verdictGrace = verdictGrace_;
        minJobStake = minJobStake_;
        stakeMultiple = stakeMultiple_;
        challengerShareBps = challengerShareBps_;
    }

    function setVerifier(IVerifier verifier, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        verifierAllowed[verifier] = allowed;
        emit VerifierAllowed(verifier, allowed);
    }

    function job(uint256 jobId) public view returns (Job memory) {
        if (jobId == 0 || jobId > jobCount) revert UnknownJob(jobId);
        return _jobs[jobId];
    }

    /// The node that accepted a job (zero before): what a verifier needs to keep a node off its own jobs.
    function nodeOf(uint256 jobId) external view returns (address) {
        return _jobs[jobId].node;
    }

    function requiredStake(uint256 jobId) public view returns (uint256) {
        Job storage j = _jobs[jobId];
        uint256 byEscrow = (j.nodeFee + j.useFee) * stakeMultiple;
        return byEscrow > minJobStake ? byEscrow : minJobStake;
    }

    function _expect(uint256 jobId, Status expected) internal view returns (Job storage j) {
        if (jobId == 0 || jobId > jobCount) revert UnknownJob(jobId);
        j = _jobs[jobId];
        if (j.status != expected) revert WrongStatus(jobId, j.status, expected);
    }

    /// Requests inference on `modelId`; escrows `nodeFee` plus the model's per-use fee (capped by `maxUseFee`).
    function requestJob(uint256 modelId, bytes32 inputCommitment, string calldata inputCid_, uint256 nodeFee, uint256 maxUseFee, uint64 deadline, IVerifier verifier)
        external
        nonReentrant
        returns (uint256 jobId)
    {
        if (inputCommitment == bytes32(0)) revert EmptyCommitment();
        if (!verifierAllowed[verifier]) revert VerifierNotAllowed(verifier);
        if (deadline <= block.timestamp) revert DeadlineInPast(deadline, uint64(block.timestamp));
        uint256 useFee = modelNft.asset(modelId).perUseFee;
        if (useFee > maxUseFee) revert UseFeeAboveMax(maxUseFee, useFee);
        jobId = ++jobCount;
        Job storage j = _jobs[jobId];
        j.user = msg.sender;
        j.modelId = modelId;
        j.inputCommitment = inputCommitment;
        j.nodeFee = nodeFee;
        j.useFee = useFee;
        j.deadline = deadline;
        j.status = Status.Requested;
        j.verifier = verifier;
        inputCid[jobId] = inputCid_;
        totalEscrow += nodeFee + useFee;
        token.safeTransferFrom(msg.sender, address(this), nodeFee + useFee);
        emit JobRequested(jobId, msg.sender, modelId, inputCommitment, nodeFee, useFee, deadline, verifier);
    }

    /// The user withdraws a job no node has accepted yet.
    function cancelJob(uint256 jobId) external nonReentrant {
        Job storage j = _expect(jobId, Status.Requested);
        if (msg.sender != j.user) revert NotJobUser(jobId, msg.sender);
        j.status = Status.Cancelled;
        _refund(j);
        emit JobCancelled(jobId);
    }

    function acceptJob(uint256 jobId) external nonReentrant {
        Job storage j = _expect(jobId, Status.Requested);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        uint256 amount = requiredStake(jobId);
        j.status = Status.Accepted;
        j.node = msg.sender;
        j.stakeLocked = amount;
        staking.lock(msg.sender, amount);
        emit JobAccepted(jobId, msg.sender, amount);
    }

    function submitResult(uint256 jobId, bytes32 outputHash, bytes32 proofHash, string calldata proofCid_) external {
        Job storage j = _expect(jobId, Status.Accepted);
        if (msg.sender != j.node) revert NotJobNode(jobId, msg.sender);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        if (outputHash == bytes32(0) || proofHash == bytes32(0)) revert EmptyCommitment();
        j.status = Status.Submitted;
        j.submittedAt = uint64(block.timestamp);
        j.outputHash = outputHash;
        j.proofHash = proofHash;
        proofCid[jobId] = proofCid_;
        emit ResultSubmitted(jobId, outputHash, proofHash, proofCid_);
    }

    /// The verifier's verdict on the job's submitted claim.
    function verdictOf(uint256 jobId) public view returns (IVerifier.Verdict) {
        Job storage j = _jobs[jobId];
        IVerifier.Claim memory claim = IVerifier.Claim(
            jobId, modelNft.asset(j.modelId).contentHash, modelNft.programHash(j.modelId), j.inputCommitment, j.outputHash, j.proofHash
        );
        return j.verifier.verdict(claim, "");
    }

    /// Anyone may call it while the job is Submitted; it succeeds when the verifier's verdict is Invalid. The caller
    /// gains nothing: the reward goes to those who established the verdict.
    function challenge(uint256 jobId, bytes calldata) external nonReentrant {
        Job storage j = _expect(jobId, Status.Submitted);
        if (verdictOf(jobId) != IVerifier.Verdict.Invalid) revert ChallengeRejected(jobId);
        _slash(jobId, j, false);
    }

    /// After the challenge window, with a Valid verdict: pays the node and splits the per-use fee.
    function finalise(uint256 jobId) external nonReentrant {
        Job storage j = _expect(jobId, Status.Submitted);
        uint64 closesAt = j.submittedAt + challengeWindow;
        if (block.timestamp < closesAt) revert ChallengeWindowOpen(jobId, closesAt);
        IVerifier.Verdict v = verdictOf(jobId);
        if (v != IVerifier.Verdict.Valid) revert VerdictNotValid(jobId, v);
        j.status = Status.Finalised;
        totalEscrow -= j.nodeFee + j.useFee;
        staking.unlock(j.node, j.stakeLocked);
        _credit(j.node, j.nodeFee, "node fee");
        if (j.useFee > 0) {
            token.forceApprove(address(marketplace), j.useFee);
            marketplace.payUseFee(j.modelId, j.useFee);
        }
        emit JobFinalised(jobId, j.node, j.nodeFee, j.useFee);
    }

    /// No verdict by the end of the grace period: nobody showed the result right or wrong. The user gets the escrow
    /// back, the node its stake; nobody is paid.
    function refundUndecided(uint256 jobId) external nonReentrant {
        Job storage j = _expect(jobId, Status.Submitted);
        uint64 closesAt = j.submittedAt + challengeWindow + verdictGrace;
        if (block.timestamp < closesAt) revert VerdictGraceOpen(jobId, closesAt);
        IVerifier.Verdict v = verdictOf(jobId);
        if (v != IVerifier.Verdict.None) revert VerdictGiven(jobId, v);
        j.status = Status.Refunded;
        staking.unlock(j.node, j.stakeLocked);
        _refund(j);
        emit JobRefunded(jobId, j.node);
    }

    /// A job past its deadline without a result: an accepted node is slashed; the user is refunded.
    function expire(uint256 jobId) external nonReentrant {
        if (jobId == 0 || jobId > jobCount) revert UnknownJob(jobId);
        Job storage j = _jobs[jobId];
        if (j.status != Status.Requested && j.status != Status.Accepted) revert WrongStatus(jobId, j.status, Status.Accepted);
        if (block.timestamp <= j.deadline) revert DeadlineNotPassed(jobId, j.deadline);
        if (j.status == Status.Requested) {
            j.status = Status.Cancelled;
            _refund(j);
            emit JobCancelled(jobId);
        } else {
            _slash(jobId, j, true);
        }
    }

    function _refund(Job storage j) internal {
        totalEscrow -= j.nodeFee + j.useFee;
        _credit(j.user, j.nodeFee + j.useFee, "refund");
    }

    /// The user gets the escrow back (made whole); the stake goes to those who established an Invalid verdict
    /// (their reward share) and the treasury — never to the user or a caller, so no party profits from a slash.
    function _slash(uint256 jobId, Job storage j, bool expired) internal {
        j.status = Status.Slashed;
        uint256 amount = j.stakeLocked;
        _refund(j);
        staking.slash(j.node, amount, address(this)); // the slashed stake arrives here and is credited below
        uint256 reward = expired || !j.verifier.rewardsUpholders() ? 0 : (amount * challengerShareBps) / 10_000;
        if (reward > 0) {
            token.safeTransfer(address(j.verifier), reward);
            j.verifier.distributeReward(jobId, j.proofHash, reward);
        }
        _credit(treasury, amount - reward, "slashed stake");
        emit JobSlashed(jobId, j.node, amount, reward, expired);
    }
}
