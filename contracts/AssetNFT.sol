// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Shared base of DataNFT and ModelNFT (thesis §5.1): an ERC-721 whose tokens carry a metadata URI, a content CID,
// a unique hash of the *plaintext* content (duplicates rejected — the thesis hashed randomised ciphertexts, which
// never collide) and a price (one-time access and per-use fee). Only the factory mints — bound once at
// deployment, so no admin can later mint assets; the admin role (a delayed two-step transfer) can do nothing else.

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

abstract contract AssetNFT is ERC721, AccessControlDefaultAdminRules {
    /// Set once: the factory, the only minter.
    address public minter;

    struct Asset {
        string uri;
        string cid;
        bytes32 contentHash;
        uint256 accessPrice;
        uint256 perUseFee;
        address creator;
    }

    mapping(uint256 tokenId => Asset) internal _assets;
    mapping(bytes32 contentHash => uint256 tokenId) public tokenOfContent;
    uint256 public totalMinted;

    event PricingChanged(uint256 indexed tokenId, uint256 accessPrice, uint256 perUseFee);

    error DuplicateContent(bytes32 contentHash, uint256 existingTokenId);
    error EmptyContentHash();
    error NotTokenOwner(uint256 tokenId, address caller);
    error UnknownToken(uint256 tokenId);
    error MinterAlreadyBound(address minter);
    error NotMinter(address caller);
    error ZeroAddress();

    event MinterBound(address minter);

    modifier onlyMinter() {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        _;
    }

    constructor(string memory name_, string memory symbol_, address admin, uint48 adminDelay)
        ERC721(name_, symbol_)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {}

    /// Binds the minter (the factory), once.
    function bindMinter(address minter_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (minter != address(0)) revert MinterAlreadyBound(minter);
        if (minter_ == address(0)) revert ZeroAddress();
        minter = minter_;
        emit MinterBound(minter_);
    }

    function _mintAsset(address to, Asset memory newAsset) internal returns (uint256 tokenId) {
        if (newAsset.contentHash == bytes32(0)) revert EmptyContentHash();
        uint256 existing = tokenOfContent[newAsset.contentHash];
        if (existing != 0) revert DuplicateContent(newAsset.contentHash, existing);
        tokenId = ++totalMinted; // token ids start at 1 so that 0 means "none"
        tokenOfContent[newAsset.contentHash] = tokenId;
        _assets[tokenId] = newAsset;
        _safeMint(to, tokenId);
    }

    function asset(uint256 tokenId) public view returns (Asset memory) {
        if (_ownerOf(tokenId) == address(0)) revert UnknownToken(tokenId);
        return _assets[tokenId];
    }

    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        return asset(tokenId).uri;
    }

    /// The current owner changes the price; buyers are protected by the marketplace's max-price argument.
    function setPricing(uint256 tokenId, uint256 accessPrice, uint256 perUseFee) external {
        if (ownerOf(tokenId) != msg.sender) revert NotTokenOwner(tokenId, msg.sender);
        _assets[tokenId].accessPrice = accessPrice;
        _assets[tokenId].perUseFee = perUseFee;
        emit PricingChanged(tokenId, accessPrice, perUseFee);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControlDefaultAdminRules) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}
