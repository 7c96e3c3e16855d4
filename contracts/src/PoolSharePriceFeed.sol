// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title The price of one share of an ERC-4626 pool over a USD stablecoin, as a Chainlink-shaped feed.
/// @notice The answer (8 decimals) is what one share redeems for now, read from the pool itself, so a vault
/// holding the pool's shares (the LP token) as collateral values them at the share price: it rises with the
/// pool's repayments and falls with its losses. Always current: updatedAt is the block's time.
contract PoolSharePriceFeed is AggregatorV3Interface {
    IERC4626 public immutable pool;
    uint8 private immutable _shareDecimals;
    uint8 private immutable _assetDecimals;

    constructor(IERC4626 pool_) {
        pool = pool_;
        _shareDecimals = IERC20Metadata(address(pool_)).decimals();
        _assetDecimals = IERC20Metadata(pool_.asset()).decimals();
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        uint256 assets = pool.convertToAssets(10 ** _shareDecimals);
        int256 answer = int256(_assetDecimals <= 8 ? assets * 10 ** (8 - _assetDecimals)
            : assets / 10 ** (_assetDecimals - 8));
        uint80 round = uint80(block.number);
        return (round, answer, block.timestamp, block.timestamp, round);
    }
}
