// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title A lending pool over one stablecoin: an ERC-4626 vault whose shares are the LP token.
/// @notice Liquidity providers deposit the stablecoin and receive shares. Tranche's operator draws idle
/// liquidity to fund a loan or bill, and repays principal plus the pool's share of interest and fees.
/// The pool's assets are its idle balance plus the principal lent out, so a draw leaves the share price as
/// it is, a repayment with interest raises it, and a write-off lowers it. Withdrawals are limited to idle
/// liquidity: money lent out comes back only as borrowers repay. Each repayment carries a receipt (the hash
/// of Tranche's ledger transfer) and is accepted once, so the chain holds one record per payment.
contract LiquidityPool is ERC4626, AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// Principal drawn and neither repaid nor written off, over all loans.
    uint256 public outstandingPrincipal;
    mapping(bytes32 loanId => uint256 principal) public drawn;
    mapping(bytes32 receipt => bool) public receipts;

    error InsufficientLiquidity(uint256 requested, uint256 idle);
    error ExceedsDrawn(bytes32 loanId, uint256 amount, uint256 drawn);
    error DuplicateReceipt(bytes32 receipt);
    error ZeroAmount();

    event Drawn(bytes32 indexed loanId, address indexed to, uint256 amount);
    event Repaid(bytes32 indexed loanId, bytes32 indexed receipt, uint256 principal, uint256 interest);
    event WrittenOff(bytes32 indexed loanId, uint256 amount);

    constructor(IERC20 stablecoin, address admin, address operator)
        ERC20("Tranche Liquidity Pool", "tLP")
        ERC4626(stablecoin)
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice The pool's assets: what it holds plus what it has lent and expects back.
    function totalAssets() public view override returns (uint256) {
        return idleLiquidity() + outstandingPrincipal;
    }

    function idleLiquidity() public view returns (uint256) {
        return IERC20(asset()).balanceOf(address(this));
    }

    /// @notice Principal lent out as a share of the pool's assets, in basis points.
    function utilisationBps() external view returns (uint256) {
        uint256 assets = totalAssets();
        return assets == 0 ? 0 : Math.mulDiv(outstandingPrincipal, 10_000, assets);
    }

    function maxWithdraw(address owner) public view override returns (uint256) {
        return Math.min(super.maxWithdraw(owner), idleLiquidity());
    }

    function maxRedeem(address owner) public view override returns (uint256) {
        return Math.min(super.maxRedeem(owner), _convertToShares(idleLiquidity(), Math.Rounding.Floor));
    }

    /// @notice Funds loanId: `amount` of idle liquidity goes to `to` (the payout account).
    function draw(bytes32 loanId, uint256 amount, address to) external onlyRole(OPERATOR_ROLE) {
        if (amount == 0) revert ZeroAmount();
        uint256 idle = idleLiquidity();
        if (amount > idle) revert InsufficientLiquidity(amount, idle);
        drawn[loanId] += amount;
        outstandingPrincipal += amount;
        IERC20(asset()).safeTransfer(to, amount);
        emit Drawn(loanId, to, amount);
    }

    /// @notice The operator pays back principal and the pool's interest for loanId, once per receipt.
    function repay(bytes32 loanId, uint256 principal, uint256 interest, bytes32 receipt)
        external
        onlyRole(OPERATOR_ROLE)
    {
        if (principal + interest == 0) revert ZeroAmount();
        if (receipts[receipt]) revert DuplicateReceipt(receipt);
        uint256 owed = drawn[loanId];
        if (principal > owed) revert ExceedsDrawn(loanId, principal, owed);
        receipts[receipt] = true;
        drawn[loanId] = owed - principal;
        outstandingPrincipal -= principal;
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), principal + interest);
        emit Repaid(loanId, receipt, principal, interest);
    }

    /// @notice A loss: principal of loanId that will not come back leaves the pool's assets.
    function writeOff(bytes32 loanId, uint256 amount) external onlyRole(OPERATOR_ROLE) {
        if (amount == 0) revert ZeroAmount();
        uint256 owed = drawn[loanId];
        if (amount > owed) revert ExceedsDrawn(loanId, amount, owed);
        drawn[loanId] = owed - amount;
        outstandingPrincipal -= amount;
        emit WrittenOff(loanId, amount);
    }
}
