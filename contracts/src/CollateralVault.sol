// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title Per-loan collateral positions of one ERC-20 asset.
/// @notice Borrowers deposit; the operator locks, releases and liquidates; an admin can pause.
/// A position takes a deposit only from the wallet the operator registered for it (expectDeposit),
/// so nobody can claim a loan's position first with dust.
/// Health factor = collateral value x liquidation threshold / debt (1e18 = 1.0). Below 1.0 a
/// position can be liquidated: enough collateral to cover the debt plus a 10 % penalty is seized,
/// the rest returns to the borrower. A stale price (older than the heartbeat) is refused.
contract CollateralVault is AccessControl, Pausable {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    uint256 public constant WAD = 1e18;
    uint256 public constant BPS = 10_000;

    enum Status {
        None,
        Deposited,
        Locked,
        Released,
        Liquidated
    }

    struct Position {
        address borrower;
        uint256 collateral;
        uint256 debtUsd; // 18 decimals
        Status status;
    }

    IERC20 public immutable collateralToken;
    uint8 private immutable _collateralDecimals;
    AggregatorV3Interface public immutable priceFeed;
    uint256 public immutable heartbeat;
    uint256 public immutable liquidationThresholdBps;
    uint256 public immutable penaltyBps;
    address public treasury;

    mapping(bytes32 loanId => Position) private _positions;
    mapping(bytes32 loanId => address borrower) private _depositors;

    error PositionExists(bytes32 loanId);
    error UnknownPosition(bytes32 loanId);
    error WrongStatus(bytes32 loanId, Status status);
    error ZeroAmount();
    error StalePrice(uint256 updatedAt, uint256 heartbeat);
    error InvalidPrice(int256 answer);
    error PositionHealthy(bytes32 loanId, uint256 healthFactor);
    error NotBorrower(bytes32 loanId, address caller);

    event DepositExpected(bytes32 indexed loanId, address indexed borrower);
    event Deposited(bytes32 indexed loanId, address indexed borrower, uint256 amount);
    event Locked(bytes32 indexed loanId, uint256 debtUsd);
    event DebtUpdated(bytes32 indexed loanId, uint256 debtUsd);
    event Released(bytes32 indexed loanId, address indexed borrower, uint256 amount);
    event Liquidated(bytes32 indexed loanId, address indexed borrower, uint256 seized, uint256 returned,
        uint256 debtUsd, uint256 price);

    constructor(address admin, address operator, IERC20 token, AggregatorV3Interface feed, uint256 heartbeat_,
        uint256 thresholdBps, uint256 penaltyBps_, address treasury_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
        collateralToken = token;
        _collateralDecimals = IERC20Metadata(address(token)).decimals();
        priceFeed = feed;
        heartbeat = heartbeat_;
        liquidationThresholdBps = thresholdBps;
        penaltyBps = penaltyBps_;
        treasury = treasury_;
    }

    /// @notice Registers the only wallet that may deposit for loanId, before the borrower is asked to.
    function expectDeposit(bytes32 loanId, address borrower) external onlyRole(OPERATOR_ROLE) whenNotPaused {
        if (borrower == address(0)) revert NotBorrower(loanId, borrower);
        if (_positions[loanId].status != Status.None) revert PositionExists(loanId);
        _depositors[loanId] = borrower;
        emit DepositExpected(loanId, borrower);
    }

    function expectedDepositor(bytes32 loanId) external view returns (address) {
        return _depositors[loanId];
    }

    function deposit(bytes32 loanId, uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        if (_depositors[loanId] != msg.sender) revert NotBorrower(loanId, msg.sender);
        Position storage p = _positions[loanId];
        if (p.status != Status.None) revert PositionExists(loanId);
        p.borrower = msg.sender;
        p.collateral = amount;
        p.status = Status.Deposited;
        collateralToken.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(loanId, msg.sender, amount);
    }

    function lock(bytes32 loanId, uint256 debtUsd) external onlyRole(OPERATOR_ROLE) whenNotPaused {
        Position storage p = _existing(loanId);
        if (p.status != Status.Deposited) revert WrongStatus(loanId, p.status);
        if (debtUsd == 0) revert ZeroAmount();
        p.debtUsd = debtUsd;
        p.status = Status.Locked;
        emit Locked(loanId, debtUsd);
    }

    function updateDebt(bytes32 loanId, uint256 debtUsd) external onlyRole(OPERATOR_ROLE) whenNotPaused {
        Position storage p = _existing(loanId);
        if (p.status != Status.Locked) revert WrongStatus(loanId, p.status);
        p.debtUsd = debtUsd;
        emit DebtUpdated(loanId, debtUsd);
    }

    function release(bytes32 loanId) external onlyRole(OPERATOR_ROLE) whenNotPaused {
        Position storage p = _existing(loanId);
        if (p.status != Status.Locked && p.status != Status.Deposited) revert WrongStatus(loanId, p.status);
        uint256 amount = p.collateral;
        p.collateral = 0;
        p.status = Status.Released;
        collateralToken.safeTransfer(p.borrower, amount);
        emit Released(loanId, p.borrower, amount);
    }

    /// @notice Liquidates a position whose health factor is below 1.0 at a fresh price.
    function liquidate(bytes32 loanId) external onlyRole(OPERATOR_ROLE) whenNotPaused {
        Position storage p = _existing(loanId);
        if (p.status != Status.Locked) revert WrongStatus(loanId, p.status);
        uint256 price = _freshPrice();
        uint256 hf = _healthFactor(p, price);
        if (hf >= WAD) revert PositionHealthy(loanId, hf);
        _seize(loanId, p, price);
    }

    /// @notice Liquidates a defaulted loan's position (collections, day 30) whatever its health, at a
    /// fresh price: the same seizure of debt plus penalty, the rest returned to the borrower.
    function liquidateDefaulted(bytes32 loanId) external onlyRole(OPERATOR_ROLE) whenNotPaused {
        Position storage p = _existing(loanId);
        if (p.status != Status.Locked) revert WrongStatus(loanId, p.status);
        _seize(loanId, p, _freshPrice());
    }

    function _seize(bytes32 loanId, Position storage p, uint256 price) private {
        uint256 owedUsd = p.debtUsd * (BPS + penaltyBps) / BPS;
        uint256 seize = _toCollateral(owedUsd, price);
        if (seize > p.collateral) seize = p.collateral;
        uint256 rest = p.collateral - seize;
        p.collateral = 0;
        p.status = Status.Liquidated;
        collateralToken.safeTransfer(treasury, seize);
        if (rest > 0) collateralToken.safeTransfer(p.borrower, rest);
        emit Liquidated(loanId, p.borrower, seize, rest, p.debtUsd, price);
    }

    function position(bytes32 loanId) external view returns (Position memory) {
        return _positions[loanId];
    }

    /// @notice 1e18 = 1.0; type(uint256).max for a position without debt.
    function healthFactor(bytes32 loanId) external view returns (uint256) {
        return _healthFactor(_existing(loanId), _freshPrice());
    }

    /// @notice The health factors of many positions at one fresh price, for a price watcher's batched read:
    /// one call evaluates a whole page of positions when the feed moves. type(uint256).max for a position
    /// that is not locked (nothing to liquidate) or has no debt. Reverts as healthFactor does on a stale price.
    function healthFactors(bytes32[] calldata loanIds) external view returns (uint256 price, uint256[] memory factors) {
        price = _freshPrice();
        factors = new uint256[](loanIds.length);
        for (uint256 i = 0; i < loanIds.length; i++) {
            Position storage p = _positions[loanIds[i]];
            factors[i] = p.status == Status.Locked ? _healthFactor(p, price) : type(uint256).max;
        }
    }

    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    function _existing(bytes32 loanId) private view returns (Position storage p) {
        p = _positions[loanId];
        if (p.status == Status.None) revert UnknownPosition(loanId);
    }

    /// @dev The feed's answer scaled to 18 decimals, refused when older than the heartbeat.
    function _freshPrice() private view returns (uint256) {
        (, int256 answer,, uint256 updatedAt,) = priceFeed.latestRoundData();
        if (answer <= 0) revert InvalidPrice(answer);
        if (block.timestamp > updatedAt + heartbeat) revert StalePrice(updatedAt, heartbeat);
        return uint256(answer) * 10 ** (18 - priceFeed.decimals());
    }

    function _healthFactor(Position storage p, uint256 price) private view returns (uint256) {
        if (p.debtUsd == 0) return type(uint256).max;
        uint256 valueUsd = p.collateral * price / 10 ** _collateralDecimals;
        return valueUsd * liquidationThresholdBps / BPS * WAD / p.debtUsd;
    }

    function _toCollateral(uint256 usd, uint256 price) private view returns (uint256) {
        return (usd * 10 ** _collateralDecimals + price - 1) / price;
    }
}
