// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice A price feed for local chains: the owner sets the answer and its timestamp.
contract MockPriceFeed is AggregatorV3Interface, Ownable {
    uint8 private immutable _decimals;
    uint80 private _round;
    int256 private _answer;
    uint256 private _updatedAt;

    event AnswerUpdated(int256 indexed answer, uint256 indexed roundId, uint256 updatedAt);

    constructor(uint8 decimals_, int256 answer_) Ownable(msg.sender) {
        _decimals = decimals_;
        _set(answer_, block.timestamp);
    }

    function setAnswer(int256 answer_) external onlyOwner {
        _set(answer_, block.timestamp);
    }

    /// @notice For tests of staleness: an answer that claims an older update time.
    function setAnswerAt(int256 answer_, uint256 updatedAt_) external onlyOwner {
        _set(answer_, updatedAt_);
    }

    function decimals() external view returns (uint8) {
        return _decimals;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_round, _answer, _updatedAt, _updatedAt, _round);
    }

    function _set(int256 answer_, uint256 updatedAt_) private {
        _round += 1;
        _answer = answer_;
        _updatedAt = updatedAt_;
        emit AnswerUpdated(answer_, _round, updatedAt_);
    }
}
