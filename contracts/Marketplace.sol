// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Marketplace (thesis §3 steps 2 and 4, §5.1 "pricing and licensing"): buy a licence to a data set or a model
// at a price the buyer caps (no front-running by a price change), split the payment between the asset's owner,
// the owners of the data sets a model was trained on (royalty) and the protocol, into withdrawable balances.
// The job manager pays per-use fees through the same split, with tokens it transfers in the same call (nothing is
// credited that did not arrive). A model has at most MAX_PARENTS parents (the factory enforces it), which bounds
// the royalty loop's gas. The admin can change the fees (within the caps below) and the treasury, nothing else;
// the admin role moves by a delayed two-step transfer.

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AssetNFT} from "./AssetNFT.sol";
import {DataNFT} from "./DataNFT.sol";
import {ModelNFT} from "./ModelNFT.sol";
import {PullPayments} from "./PullPayments.sol";

contract Marketplace is PullPayments, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    enum Kind {
        Data,
        Model
    }

    uint16 public constant MAX_PROTOCOL_FEE_BPS = 1000;
    uint16 public constant MAX_ROYALTY_BPS = 3000;

    DataNFT public immutable dataNft;
    ModelNFT public immutable modelNft;
    address public treasury;
    uint16 public protocolFeeBps;
    uint16 public dataRoyaltyBps;

    mapping(Kind kind => mapping(uint256 tokenId => mapping(address account => bool))) internal _licensed;

    event LicencePurchased(Kind indexed kind, uint256 indexed tokenId, address indexed buyer, uint256 price);
    event UseFeePaid(uint256 indexed modelId, uint256 amount);
    event FeesChanged(uint16 protocolFeeBps, uint16 dataRoyaltyBps, address treasury);

    error PriceAboveMax(uint256 maxPrice, uint256 price);
    error AlreadyLicensed(Kind kind, uint256 tokenId, address account);
    error FeeTooHigh(uint16 bps, uint16 maxBps);

    constructor(IERC20 token_, DataNFT dataNft_, ModelNFT modelNft_, address admin, uint48 adminDelay, address treasury_, uint16 protocolFeeBps_, uint16 dataRoyaltyBps_)
        PullPayments(token_)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        dataNft = dataNft_;
        modelNft = modelNft_;
        _setFees(protocolFeeBps_, dataRoyaltyBps_, treasury_);
    }

    function setFees(uint16 protocolFeeBps_, uint16 dataRoyaltyBps_, address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFees(protocolFeeBps_, dataRoyaltyBps_, treasury_);
    }

    function _setFees(uint16 protocolFeeBps_, uint16 dataRoyaltyBps_, address treasury_) internal {
        if (protocolFeeBps_ > MAX_PROTOCOL_FEE_BPS) revert FeeTooHigh(protocolFeeBps_, MAX_PROTOCOL_FEE_BPS);
        if (dataRoyaltyBps_ > MAX_ROYALTY_BPS) revert FeeTooHigh(dataRoyaltyBps_, MAX_ROYALTY_BPS);
        if (treasury_ == address(0)) revert ZeroAddress();
        protocolFeeBps = protocolFeeBps_;
        dataRoyaltyBps = dataRoyaltyBps_;
        treasury = treasury_;
        emit FeesChanged(protocolFeeBps_, dataRoyaltyBps_, treasury_);
    }

    function _nft(Kind kind) internal view returns (AssetNFT) {
        return kind == Kind.Data ? AssetNFT(dataNft) : AssetNFT(modelNft);
    }

    /// True for the asset's owner and for everyone who bought access.
    function hasLicence(Kind kind, uint256 tokenId, address account) public view returns (bool) {
        return _licensed[kind][tokenId][account] || _nft(kind).ownerOf(tokenId) == account;
    }

    /// Buys a one-time access licence, paying at most `maxPrice`.
    function buyAccess(Kind kind, uint256 tokenId, uint256 maxPrice) external nonReentrant {
        uint256 price = _nft(kind).asset(tokenId).accessPrice;
        if (price > maxPrice) revert PriceAboveMax(maxPrice, price);
        if (hasLicence(kind, tokenId, msg.sender)) revert AlreadyLicensed(kind, tokenId, msg.sender);
        _licensed[kind][tokenId][msg.sender] = true;
        token.safeTransferFrom(msg.sender, address(this), price);
        _split(kind, tokenId, price);
        emit LicencePurchased(kind, tokenId, msg.sender, price);
    }

    /// Pays a model's per-use fee: takes `amount` from the caller (the job manager, or anyone) and splits it.
    function payUseFee(uint256 modelId, uint256 amount) external nonReentrant {
        token.safeTransferFrom(msg.sender, address(this), amount);
        _split(Kind.Model, modelId, amount);
        emit UseFeePaid(modelId, amount);
    }

    function _split(Kind kind, uint256 tokenId, uint256 amount) internal {
        uint256 protocolCut = (amount * protocolFeeBps) / 10_000;
        uint256 rest = amount - protocolCut;
        _credit(treasury, protocolCut, "protocol");
        if (kind == Kind.Model) {
            uint256[] memory parents = modelNft.parents(tokenId);
            if (parents.length > 0) {
                uint256 royalty = (rest * dataRoyaltyBps) / 10_000;
                uint256 each = royalty / parents.length;
                for (uint256 i = 0; i < parents.length; i++) {
                    _credit(dataNft.ownerOf(parents[i]), each, "royalty");
                }
                rest -= each * parents.length;
            }
        }
        _credit(_nft(kind).ownerOf(tokenId), rest, "sale");
    }
}
