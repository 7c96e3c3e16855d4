package dev.tranche.activities.bnpl;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Buy now, pay later: the KYB provider merchants are checked with, where the hosted checkout lives, how
 * much one shopper may owe on open bills, and the default per-merchant API rate limit.
 */
@ConfigurationProperties("tranche.bnpl")
public record BnplProperties(String kybUrl, String checkoutBaseUrl, BigDecimal shopperLimit, int ratePerMinute,
    int keyRotationGraceHours) {
}
