// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// ModelNFT (thesis §5.1, §3 step 3): a model — its model-file hash (content hash), the hash of the VM program
// that runs it, and the DataNFTs it was trained on (which earn a royalty on its sales and uses).

import {AssetNFT} from "./AssetNFT.sol";

contract ModelNFT is AssetNFT {
    mapping(uint256 tokenId => bytes32) public programHash;
    mapping(uint256 tokenId => uint256[]) internal _parents;

    event ModelMinted(uint256 indexed tokenId, address indexed creator, bytes32 modelHash, bytes32 programHash, uint256[] parents);

    error EmptyProgramHash();

    constructor(address admin, uint48 adminDelay) AssetNFT("EncryptAI Model", "EAIM", admin, adminDelay) {}

    function mint(address to, Asset calldata asset_, bytes32 programHash_, uint256[] calldata parents_)
        external
        onlyMinter
        returns (uint256 tokenId)
    {
        if (programHash_ == bytes32(0)) revert EmptyProgramHash();
        tokenId = _mintAsset(to, asset_);
        programHash[tokenId] = programHash_;
        _parents[tokenId] = parents_;
        emit ModelMinted(tokenId, to, asset_.contentHash, programHash_, parents_);
    }

    function parents(uint256 tokenId) external view returns (uint256[] memory) {
        asset(tokenId); // reverts for unknown tokens
        return _parents[tokenId];
    }
}
