// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Token factory (thesis §5.3): the one entry point for publishing data sets and models. Publishing is role-gated
// (the thesis's factory let anyone mint), a model derived from data sets requires a licence to each of them, and
// the admin role moves only by a two-step transfer with a delay (OpenZeppelin AccessControlDefaultAdminRules).

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {AssetNFT} from "./AssetNFT.sol";
import {DataNFT} from "./DataNFT.sol";
import {Marketplace} from "./Marketplace.sol";
import {ModelNFT} from "./ModelNFT.sol";

contract EncryptAIFactory is AccessControlDefaultAdminRules {
    bytes32 public constant PUBLISHER_ROLE = keccak256("PUBLISHER_ROLE");

    DataNFT public immutable dataNft;
    ModelNFT public immutable modelNft;
    Marketplace public immutable marketplace;

    error MissingDataLicence(uint256 dataTokenId, address publisher);

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

    function _asset(Publication calldata p) internal view returns (AssetNFT.Asset memory) {
        return AssetNFT.Asset(p.uri, p.cid, p.contentHash, p.accessPrice, p.perUseFee, msg.sender);
    }

    function publishDataset(Publication calldata p) external onlyRole(PUBLISHER_ROLE) returns (uint256 tokenId) {
        tokenId = dataNft.mint(msg.sender, _asset(p));
    }

    /// `p.contentHash` is the model file's hash; every parent data set needs a licence held by the caller.
    function publishModel(Publication calldata p, bytes32 programHash, uint256[] calldata parents)
        external
        onlyRole(PUBLISHER_ROLE)
        returns (uint256 tokenId)
    {
        for (uint256 i = 0; i < parents.length; i++) {
            if (!marketplace.hasLicence(Marketplace.Kind.Data, parents[i], msg.sender)) revert MissingDataLicence(parents[i], msg.sender);
        }
        tokenId = modelNft.mint(msg.sender, _asset(p), programHash, parents);
    }
}
