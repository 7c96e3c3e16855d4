package dev.tranche.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency, always held at the currency's minor-unit scale.
 *
 * <p>The constructor refuses amounts that would need rounding: callers that compute fractions
 * round first, naming their {@link RoundingMode}, and then build a {@code Money}.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currency));
  }

  /** An amount as stored (at the currency's scale) with its ISO 4217 code. */
  public static Money of(BigDecimal amount, String currency) {
    return new Money(amount, Currency.getInstance(currency));
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** Rounds {@code value} to the currency's scale with the given mode. */
  public static Money rounded(BigDecimal value, Currency currency, RoundingMode mode) {
    return new Money(value.setScale(currency.getDefaultFractionDigits(), mode), currency);
  }

  public Money plus(Money other) {
    return new Money(amount.add(same(other).amount), currency);
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(same(other).amount), currency);
  }

  public Money times(BigDecimal factor, RoundingMode mode) {
    return rounded(amount.multiply(factor), currency, mode);
  }

  public boolean positive() {
    return amount.signum() > 0;
  }

  public boolean negative() {
    return amount.signum() < 0;
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(same(other).amount);
  }

  private Money same(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
    }
    return other;
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
