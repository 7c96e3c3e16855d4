package dev.tranche.decision;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * A policy rule as data: {@code field operator value → action} with a reason code. Numeric facts
 * compare numerically, booleans and strings by equality, collections by membership.
 */
public record Rule(String id, String field, Operator operator, String value, Action action, String reasonCode) {

  public boolean matches(Map<String, Object> facts) {
    Object fact = facts.get(field);
    if (fact == null) {
      return false;
    }
    return switch (operator) {
      case EQ -> fact instanceof Number n ? compare(n) == 0 : String.valueOf(fact).equalsIgnoreCase(value);
      case GT -> fact instanceof Number n && compare(n) > 0;
      case LT -> fact instanceof Number n && compare(n) < 0;
      case INCLUDES -> fact instanceof Collection<?> c && c.contains(value);
      case NOT_INCLUDES -> fact instanceof Collection<?> c && !c.contains(value);
    };
  }

  private int compare(Number fact) {
    return new BigDecimal(fact.toString()).compareTo(new BigDecimal(value));
  }
}
