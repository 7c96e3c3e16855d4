package dev.tranche.bnpl;

import dev.tranche.money.Money;
import java.time.LocalDate;

/**
 * One merchant's settlement batch for a business date: the captured bills and refunds not yet in a
 * batch, netted into one payout. {@code net} = gross − fees − (refunds less the fees they returned).
 */
public record Settlement(String settlementId, String merchantId, LocalDate businessDate, int bills, Money gross,
    Money fees, Money refunds, Money net, String status, String payoutId) {

  public static String id(String merchantId, LocalDate businessDate) {
    return "STL-" + merchantId + "-" + businessDate.toString().replace("-", "");
  }
}
