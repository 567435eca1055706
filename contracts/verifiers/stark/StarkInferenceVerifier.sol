// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// The STARK tier verified on chain (issue 16, items 2 and 5): an IVerifier whose verdict is the EVM's own check of the
// node's proof, against the statement this contract builds from the job — no attestor, no watcher.
//
// A model is registered once by its ModelNFT's owner: its verifying key (src/vm/onchain-key.ts) and its family, the
// model's fixed part of the compression binding (src/vm/compress.ts) and the shape of a job's files. The registration
// cannot change, so a job requested against it is judged by it. What the registration claims is checked off chain by
// whoever relies on it, from the manifest the ModelNFT commits to (src/market/onchain-settlement.ts
// `checkRegistration`: the user before requesting a job, the node before accepting one).
//
// `settle(job, key, family, input file, output file, proof)`, by anyone once the job is Submitted:
//   1. the files must be the job's: SHA-256 of the input file is its input commitment, of the output file its
//      output hash, of the proof its proof hash; the key and family must be the model's registration;
//   2. the statement is rebuilt here: the ciphertext files are read (CiphertextFile.sol), the challenges drawn from
//      the registered prefix and the ciphertexts, the lanes compressed, the key's template filled;
//   3. StarkVerifier.verify: Valid, or — if it names a failed check of the proof — Invalid. Anything else (out of
//      gas, a key below the policy) records nothing: a caller who sends too little gas cannot make a proof Invalid.
// A malformed input file is the user's (no verdict); a malformed output file is the node's (Invalid). The verdict
// is recorded for (job, proof hash) and is final; the party that established an Invalid verdict earns the reward
// share of the slashed stake (`distributeReward`).

// solhint-disable no-inline-assembly
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVerifier} from "../../interfaces/IVerifier.sol";
import {PullPayments} from "../../PullPayments.sol";
import {CiphertextCompression as CC} from "./CiphertextCompression.sol";
import {CiphertextFile} from "./CiphertextFile.sol";
import {FriVerifier} from "./FriVerifier.sol";
import {Goldilocks as G} from "./Goldilocks.sol";
import {StarkProofParser} from "./StarkProofParser.sol";
import {StarkVerifier} from "./StarkVerifier.sol";
import {VerifyingKey} from "./VerifyingKey.sol";

/// The job manager's job record, field for field (JobManager.Job; status and verifier as their ABI types).
struct JobRecord {
    address user;
    uint256 modelId;
    bytes32 inputCommitment;
    uint256 nodeFee;
    uint256 useFee;
    uint64 deadline;
    uint64 submittedAt;
    uint8 status;
    address node;
    uint256 stakeLocked;
    address verifier;
    bytes32 outputHash;
    bytes32 proofHash;
}

interface IJobRecords {
    function job(uint256 jobId) external view returns (JobRecord memory);
}

/// The ModelNFT's view this verifier needs: a model's owner and its program hash.
interface IModels {
    function ownerOf(uint256 tokenId) external view returns (address);

    function programHash(uint256 tokenId) external view returns (bytes32);
}

contract StarkInferenceVerifier is IVerifier, PullPayments {
    /// The job manager's status of a job with a result (JobManager.Status.Submitted).
    uint8 private constant SUBMITTED = 3;
    uint8 private constant INPUT = 0;
    uint8 private constant OUTPUT = 1;
    /// Compression lanes: every Goldilocks parameter set with n ≤ 2^21 has three (inference.ts requiredMode).
    uint256 private constant LANES = 3;
    /// compress.ts DOMAIN: the binding prefix's first bytes.
    bytes24 private constant DOMAIN = "EncryptAI-VM-compress-v2";

    /// What a model's jobs look like besides the key (src/market/onchain-settlement.ts `onchainFamily`).
    struct Family {
        /// keccak256 of the parameter set's canonical JSON, as the ciphertext files' header holds it.
        bytes32 paramsHash;
        /// The compression binding up to the ciphertexts (compress.ts bindingBytes without them).
        bytes prefix;
        /// Elements of a ciphertext (n + 1) and compression lanes.
        uint32 elements;
        uint8 lanes;
        /// Rows of a job; ciphertexts of a row in the input file; times the program reads a row; outputs per row.
        uint32 rows;
        uint32 rowInputs;
        uint32 repeats;
        uint32 rowOutputs;
    }

    StarkVerifier public immutable stark;
    IJobRecords public immutable jobs;
    IModels public immutable models;

    /// keccak256(abi.encode(keyHash, family)) of each registered model.
    mapping(uint256 modelId => bytes32) public registration;
    mapping(uint256 jobId => mapping(bytes32 proofHash => Verdict)) public settled;
    /// Who established an Invalid verdict (paid the reward share of the slashed stake).
    mapping(uint256 jobId => mapping(bytes32 proofHash => address)) public settledBy;

    event ModelRegistered(uint256 indexed modelId, bytes32 keyHash, bytes32 registration);
    event Settled(uint256 indexed jobId, bytes32 indexed proofHash, Verdict verdict, bytes4 failedCheck, address by);
    event RewardPaid(uint256 indexed jobId, bytes32 indexed proofHash, address to, uint256 amount);

    error NotModelOwner(uint256 modelId, address caller);
    error AlreadyRegistered(uint256 modelId);
    error BadFamily(string field);
    error NotRegistered(uint256 modelId);
    error WrongRegistration(uint256 modelId);
    error NotSubmitted(uint256 jobId, uint8 status);
    error NotThisVerifier(uint256 jobId, address verifier);
    error NotTheJobs(string file);
    error AlreadySettled(uint256 jobId, bytes32 proofHash);
    error VerificationAborted(bytes reason);
    error NotJobManager(address caller);
    error NoInvalidVerdict(uint256 jobId, bytes32 proofHash);

    constructor(StarkVerifier stark_, IJobRecords jobs_, IModels models_, IERC20 token_) PullPayments(token_) {
        stark = stark_;
        jobs = jobs_;
        models = models_;
    }

    function registrationHash(VerifyingKey calldata vk, Family calldata f) public pure returns (bytes32) {
        return keccak256(abi.encode(keccak256(abi.encode(vk)), f));
    }

    /// The model owner registers the model's key and family, once.
    function registerModel(uint256 modelId, VerifyingKey calldata vk, Family calldata f) external {
        if (models.ownerOf(modelId) != msg.sender) revert NotModelOwner(modelId, msg.sender);
        if (registration[modelId] != 0) revert AlreadyRegistered(modelId);
        if (f.lanes != LANES) revert BadFamily("lanes");
        if (f.elements < 2 || f.rows == 0 || f.rowInputs == 0 || f.repeats == 0 || f.rowOutputs == 0) revert BadFamily("counts");
        checkProgramHash(modelId, vk, f);
        uint256 free = 0;
        for (uint256 i = 0; i < vk.publicTemplate.length; i++) if (vk.publicTemplate[i] >> 255 == 1) free++;
        if (free != (uint256(f.rows) * (uint256(f.rowInputs) * f.repeats + f.rowOutputs) + 1) * LANES) revert BadFamily("free public inputs");
        bytes32 h = registrationHash(vk, f);
        registration[modelId] = h;
        emit ModelRegistered(modelId, keccak256(abi.encode(vk)), h);
    }

    /**
     * The registration names the ModelNFT's program: the key's template holds its program hash after the shape
     * (vm-air.ts: hash preset, trace length, width, step count l, immediate width, the l opcodes, the program hash),
     * and so does the binding prefix (compress.ts: domain, parameter id, n, Δ, the opcodes, the program hash), as
     * 8-byte little-endian elements, the bytes of ModelNFT.programHash.
     */
    function checkProgramHash(uint256 modelId, VerifyingKey calldata vk, Family calldata f) private view {
        bytes32 program = models.programHash(modelId);
        uint256 at = 5 + (vk.publicTemplate.length > 3 ? vk.publicTemplate[3] : type(uint256).max - 5);
        if (at + 4 > vk.publicTemplate.length) revert BadFamily("program hash");
        for (uint256 k = 0; k < 4; k++) {
            uint256 want = 0;
            for (uint256 i = 0; i < 8; i++) want |= uint256(uint8(program[8 * k + i])) << (8 * i);
            if (vk.publicTemplate[at + k] != want) revert BadFamily("program hash");
        }
        bytes calldata p = f.prefix;
        if (p.length < 28 || bytes24(p[0:24]) != DOMAIN) revert BadFamily("prefix");
        uint256 off = 28 + le32(p, 24);
        if (off + 16 > p.length) revert BadFamily("prefix");
        off += 16 + le32(p, off + 12);
        if (off + 36 > p.length || le32(p, off) != 4 || bytes32(p[off + 4:off + 36]) != program) revert BadFamily("program hash");
    }

    function le32(bytes calldata b, uint256 off) private pure returns (uint256) {
        return uint256(uint8(b[off])) | (uint256(uint8(b[off + 1])) << 8) | (uint256(uint8(b[off + 2])) << 16) | (uint256(uint8(b[off + 3])) << 24);
    }

    /**
     * The statement's public inputs for these files: the key's template with its free positions filled by the input
     * tape's lanes, the outputs' lanes and the body direction r_l^n, in the AIR's order (vm-air.ts publicInputBytes).
     * Reverts `BadCiphertextFile(0, offset)` for an input file, `(1, offset)` for an output file the TypeScript loader
     * would refuse, or whose key id is not the input's.
     */
    function publicInputs(VerifyingKey calldata vk, Family calldata f, bytes calldata inputFile, bytes calldata outputFile) public pure returns (uint64[] memory pub) {
        CiphertextFile.File memory input = CiphertextFile.read(inputFile, INPUT, f.paramsHash, uint256(f.rows) * f.rowInputs, f.elements);
        CiphertextFile.File memory output = CiphertextFile.read(outputFile, OUTPUT, f.paramsHash, uint256(f.rows) * f.rowOutputs, f.elements);
        if (output.keyId != input.keyId) revert CiphertextFile.BadCiphertextFile(OUTPUT, output.keyIdOffset);
        uint256[] memory tape = inputTape(f, input.components);
        uint256[] memory rs = CC.challenges(CC.binding(f.prefix, inputFile, tape, outputFile, output.components, f.elements), LANES);
        // each file ciphertext's lanes once (a classifier's tape repeats a row), then in the AIR's order
        uint256[] memory inLanes = compress(inputFile, INPUT, input.components, f.elements, rs);
        uint256[] memory outLanes = compress(outputFile, OUTPUT, output.components, f.elements, rs);
        uint256[] memory lanes = new uint256[]((tape.length + output.components.length + 1) * LANES);
        uint256 k = 0;
        for (uint256 i = 0; i < tape.length; i++) {
            uint256 c = fileIndex(f, i);
            for (uint256 lane = 0; lane < LANES; lane++) lanes[k++] = inLanes[LANES * c + lane];
        }
        for (uint256 i = 0; i < outLanes.length; i++) lanes[k++] = outLanes[i];
        for (uint256 lane = 0; lane < LANES; lane++) lanes[k++] = G.basePow(rs[lane], f.elements - 1);
        pub = fill(vk, lanes);
    }

    /// The lanes of each ciphertext at `offsets` of `b`, three after three; a non-canonical element names the file.
    function compress(bytes calldata b, uint8 which, uint256[] memory offsets, uint256 elements, uint256[] memory rs) private pure returns (uint256[] memory out) {
        out = new uint256[](LANES * offsets.length);
        for (uint256 c = 0; c < offsets.length; c++) {
            uint256 base;
            uint256 off = offsets[c];
            assembly ("memory-safe") {
                base := add(b.offset, off)
            }
            (uint256 a0, uint256 a1, uint256 a2, uint256 bad) = CC.lanes3(base, elements, rs[0], rs[1], rs[2]);
            if (bad != 0) revert CiphertextFile.BadCiphertextFile(which, off);
            (out[LANES * c], out[LANES * c + 1], out[LANES * c + 2]) = (a0, a1, a2);
        }
    }

    /// The input file's ciphertext at place `i` of the tape (inputTape below).
    function fileIndex(Family calldata f, uint256 i) private pure returns (uint256) {
        uint256 perRow = uint256(f.repeats) * f.rowInputs;
        return (i / perRow) * f.rowInputs + (i % perRow) % f.rowInputs;
    }

    /// statement.ts inputTape: each row's ciphertexts once per time the program reads the row, rows in turn.
    function inputTape(Family calldata f, uint256[] memory components) private pure returns (uint256[] memory tape) {
        tape = new uint256[](uint256(f.rows) * f.repeats * f.rowInputs);
        uint256 k = 0;
        for (uint256 b = 0; b < f.rows; b++)
            for (uint256 r = 0; r < f.repeats; r++) for (uint256 c = 0; c < f.rowInputs; c++) tape[k++] = components[b * f.rowInputs + c];
    }

    /// The key's template with its free positions filled by `values` in order.
    function fill(VerifyingKey calldata vk, uint256[] memory values) private pure returns (uint64[] memory pub) {
        pub = new uint64[](vk.publicTemplate.length);
        uint256 k = 0;
        for (uint256 i = 0; i < pub.length; i++) {
            uint256 t = vk.publicTemplate[i];
            if (t >> 255 == 1) {
                if (k == values.length) revert BadFamily("free public inputs");
                pub[i] = uint64(values[k++]);
            } else {
                pub[i] = uint64(t);
            }
        }
        if (k != values.length) revert BadFamily("free public inputs");
    }

    /**
     * Judges the job's submitted proof (see the header) and records the verdict for (job, proof hash). Reverts, and
     * records nothing, when the files are not the job's, the key and family not the model's registration, the
     * input file malformed, or the verification did not end with a failed check of the proof.
     */
    function settle(uint256 jobId, VerifyingKey calldata vk, Family calldata f, bytes calldata inputFile, bytes calldata outputFile, bytes calldata proof)
        external
        nonReentrant
        returns (Verdict v)
    {
        JobRecord memory j = jobs.job(jobId);
        if (j.status != SUBMITTED) revert NotSubmitted(jobId, j.status);
        if (j.verifier != address(this)) revert NotThisVerifier(jobId, j.verifier);
        bytes32 reg = registration[j.modelId];
        if (reg == 0) revert NotRegistered(j.modelId);
        if (registrationHash(vk, f) != reg) revert WrongRegistration(j.modelId);
        if (sha256(inputFile) != j.inputCommitment) revert NotTheJobs("input");
        if (sha256(outputFile) != j.outputHash) revert NotTheJobs("output");
        if (sha256(proof) != j.proofHash) revert NotTheJobs("proof");
        if (settled[jobId][j.proofHash] != Verdict.None) revert AlreadySettled(jobId, j.proofHash);
        bytes4 failed;
        try this.publicInputs(vk, f, inputFile, outputFile) returns (uint64[] memory pub) {
            failed = check(vk, pub, proof);
        } catch (bytes memory reason) {
            // only the node's output file is the node's fault; anything else is re-raised as it came
            if (!isOutputFileError(reason)) bubble(reason);
            failed = CiphertextFile.BadCiphertextFile.selector;
        }
        v = failed == bytes4(0) ? Verdict.Valid : Verdict.Invalid;
        settled[jobId][j.proofHash] = v;
        if (v == Verdict.Invalid) settledBy[jobId][j.proofHash] = msg.sender;
        emit Settled(jobId, j.proofHash, v, failed, msg.sender);
    }

    /// 0 when the proof verifies; the selector of the failed check when it names one of the proof's; else reverts.
    function check(VerifyingKey calldata vk, uint64[] memory pub, bytes calldata proof) private view returns (bytes4) {
        try stark.verify(vk, pub, proof) returns (bool ok) {
            if (!ok) revert VerificationAborted("");
            return bytes4(0);
        } catch (bytes memory reason) {
            bytes4 s = reason.length >= 4 ? bytes4(reason) : bytes4(0);
            if (!isProofCheck(s)) bubble(reason);
            return s;
        }
    }

    /// The checks a proof fails by itself (not the key's, the policy's, or the EVM's: out of gas has no selector).
    function isProofCheck(bytes4 s) private pure returns (bool) {
        return
            s == StarkProofParser.MalformedProof.selector ||
            s == StarkProofParser.UnsupportedProofVersion.selector ||
            s == StarkProofParser.OptionsMismatch.selector ||
            s == StarkProofParser.ContextMismatch.selector ||
            s == StarkVerifier.OodMismatch.selector ||
            s == StarkVerifier.InsufficientProofOfWork.selector ||
            s == StarkVerifier.TraceOpeningInvalid.selector ||
            s == StarkVerifier.CompositionOpeningInvalid.selector ||
            s == FriVerifier.FriOpeningInvalid.selector ||
            s == FriVerifier.FriFoldingMismatch.selector ||
            s == FriVerifier.FriRemainderMismatch.selector;
    }

    function isOutputFileError(bytes memory reason) private pure returns (bool) {
        if (reason.length != 68 || bytes4(reason) != CiphertextFile.BadCiphertextFile.selector) return false;
        uint256 which;
        assembly ("memory-safe") {
            which := mload(add(reason, 36))
        }
        return which == OUTPUT;
    }

    function bubble(bytes memory reason) private pure {
        assembly ("memory-safe") {
            revert(add(reason, 32), mload(reason))
        }
    }

    function verdict(Claim calldata claim, bytes calldata) external view returns (Verdict) {
        return settled[claim.jobId][claim.proofHash];
    }

    /// An Invalid verdict here is established by whoever settled it: they paid for the verification.
    function rewardsUpholders() external pure returns (bool) {
        return true;
    }

    /// Credits the reward share of a slashed stake (already transferred here) to whoever settled the Invalid verdict.
    function distributeReward(uint256 jobId, bytes32 proofHash, uint256 amount) external {
        if (msg.sender != address(jobs)) revert NotJobManager(msg.sender);
        address to = settledBy[jobId][proofHash];
        if (settled[jobId][proofHash] != Verdict.Invalid || to == address(0)) revert NoInvalidVerdict(jobId, proofHash);
        _credit(to, amount, "settled invalid");
        emit RewardPaid(jobId, proofHash, to, amount);
    }

    function tier() external pure returns (string memory) {
        return "stark-onchain: the EVM verifies the STARK proof against the statement it builds from the job";
    }
}
