// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title Payments on the record.
/// @notice Tranche writes each repayment of an on-chain-funded loan or bill here, once: the loan id, the
/// amount (in the currency's minor units) and the hash of the ledger transfer that booked it. Anyone can
/// then check a payment from the chain alone: find the PaymentRecorded event by its ledger hash.
contract PaymentReceipts is AccessControl {
    bytes32 public constant RECORDER_ROLE = keccak256("RECORDER_ROLE");

    mapping(bytes32 ledgerHash => bytes32 loanId) public loanOf;

    error AlreadyRecorded(bytes32 ledgerHash);
    error ZeroAmount();

    event PaymentRecorded(bytes32 indexed loanId, bytes32 indexed ledgerHash, uint256 amount, string currency);

    constructor(address admin, address recorder) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(RECORDER_ROLE, recorder);
    }

    function record(bytes32 loanId, bytes32 ledgerHash, uint256 amount, string calldata currency)
        external
        onlyRole(RECORDER_ROLE)
    {
        if (amount == 0) revert ZeroAmount();
        if (loanOf[ledgerHash] != bytes32(0)) revert AlreadyRecorded(ledgerHash);
        loanOf[ledgerHash] = loanId;
        emit PaymentRecorded(loanId, ledgerHash, amount, currency);
    }

    function isRecorded(bytes32 ledgerHash) external view returns (bool) {
        return loanOf[ledgerHash] != bytes32(0);
    }
}
