package dev.tranche.decision;

/** How a rule compares a fact with its value. */
public enum Operator {
  EQ, GT, LT, INCLUDES, NOT_INCLUDES
}
