// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Token factory (thesis §5.3): the one entry point for publishing data sets and models. Publishing is role-gated
// (the thesis's factory let anyone mint), a model derived from data sets requires a licence to each of them and has
// at most MAX_PARENTS distinct parents (which bounds the royalty split's gas on every sale and use), and the admin
// role moves only by a two-step transfer with a delay (OpenZeppelin AccessControlDefaultAdminRules).
//
// Content hashes are unique, so a publication is committed before it is revealed (issue "A marketplace no party
// can game", item 5): `commitPublication(keccak256(publisher, contentHash, cid, salt))` first, the publication at
// least one block later. Whoever sees a publication in the mempool learns its content hash too late to squat it: a
// commitment of its own would have to be at least a block old. (It cannot stop a squatter who obtained the data
// elsewhere and publishes it first; see docs/contracts.md.)

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {AssetNFT} from "./AssetNFT.sol";
import {DataNFT} from "./DataNFT.sol";
import {Marketplace} from "./Marketplace.sol";
import {ModelNFT} from "./ModelNFT.sol";

contract EncryptAIFactory is AccessControlDefaultAdminRules {
    bytes32 public constant PUBLISHER_ROLE = keccak256("PUBLISHER_ROLE");
    /// Most data sets a model may derive from.
    uint256 public constant MAX_PARENTS = 16;
    /// A commitment is revealed no sooner than this many blocks after it was made, and no later than MAX_COMMIT_AGE.
    uint256 public constant MIN_COMMIT_AGE = 1;
    uint256 public constant MAX_COMMIT_AGE = 50_000;

    DataNFT public immutable dataNft;
    ModelNFT public immutable modelNft;
    Marketplace public immutable marketplace;

    mapping(bytes32 commitment => uint256 blockNumber) public commitments;

    event PublicationCommitted(address indexed publisher, bytes32 commitment);

    error MissingDataLicence(uint256 dataTokenId, address publisher);
    error TooManyParents(uint256 count, uint256 max);
    error DuplicateParent(uint256 dataTokenId);
    error NoCommitment(bytes32 commitment);
    error CommitmentTooRecent(bytes32 commitment, uint256 committedAt, uint256 revealableAt);
    error CommitmentExpired(bytes32 commitment, uint256 committedAt);
    error AlreadyCommitted(bytes32 commitment);

    constructor(address admin, uint48 adminDelay, DataNFT dataNft_, ModelNFT modelNft_, Marketplace marketplace_)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        dataNft = dataNft_;
        modelNft = modelNft_;
        marketplace = marketplace_;
    }

    /// What a publisher supplies; the creator is always the caller.
    struct Publication {
        string uri;
        string cid;
        bytes32 contentHash;
        uint256 accessPrice;
        uint256 perUseFee;
    }

    /// The commitment a publisher makes before publishing `contentHash` at `cid` (salt: a secret random value).
    function publicationCommitment(address publisher, bytes32 contentHash, string calldata cid, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(publisher, contentHash, keccak256(bytes(cid)), salt));
    }

    function commitPublication(bytes32 commitment) external onlyRole(PUBLISHER_ROLE) {
        if (commitments[commitment] != 0) revert AlreadyCommitted(commitment);
        commitments[commitment] = block.number;
        emit PublicationCommitted(msg.sender, commitment);
    }

    function _reveal(Publication calldata p, bytes32 salt) internal {
        bytes32 c = publicationCommitment(msg.sender, p.contentHash, p.cid, salt);
        uint256 at = commitments[c];
        if (at == 0) revert NoCommitment(c);
        if (block.number < at + MIN_COMMIT_AGE) revert CommitmentTooRecent(c, at, at + MIN_COMMIT_AGE);
        if (block.number > at + MAX_COMMIT_AGE) revert CommitmentExpired(c, at);
        delete commitments[c];
    }

    function _asset(Publication calldata p) internal view returns (AssetNFT.Asset memory) {
        return AssetNFT.Asset(p.uri, p.cid, p.contentHash, p.accessPrice, p.perUseFee, msg.sender);
    }

    function publishDataset(Publication calldata p, bytes32 salt) external onlyRole(PUBLISHER_ROLE) returns (uint256 tokenId) {
        _reveal(p, salt);
        tokenId = dataNft.mint(msg.sender, _asset(p));
    }

    /// `p.contentHash` is the model file's hash; every parent data set needs a licence held by the caller.
    function publishModel(Publication calldata p, bytes32 programHash, uint256[] calldata parents, bytes32 salt)
        external
        onlyRole(PUBLISHER_ROLE)
        returns (uint256 tokenId)
    {
        if (parents.length > MAX_PARENTS) revert TooManyParents(parents.length, MAX_PARENTS);
        for (uint256 i = 0; i < parents.length; i++) {
            for (uint256 k = 0; k < i; k++) if (parents[k] == parents[i]) revert DuplicateParent(parents[i]);
            if (!marketplace.hasLicence(Marketplace.Kind.Data, parents[i], msg.sender)) revert MissingDataLicence(parents[i], msg.sender);
        }
        _reveal(p, salt);
        tokenId = modelNft.mint(msg.sender, _asset(p), programHash, parents);
    }
}
