// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// DataNFT (thesis §5.1, §3 step 1): a data set — its encrypted blob by CID, the hash of its plaintext.

import {AssetNFT} from "./AssetNFT.sol";

contract DataNFT is AssetNFT {
    event DatasetMinted(uint256 indexed tokenId, address indexed creator, bytes32 contentHash, string cid);

    constructor(address admin, uint48 adminDelay) AssetNFT("EncryptAI Data", "EAID", admin, adminDelay) {}

    function mint(address to, Asset calldata asset_) external onlyMinter returns (uint256 tokenId) {
        tokenId = _mintAsset(to, asset_);
        emit DatasetMinted(tokenId, to, asset_.contentHash, asset_.cid);
    }
}
