package dev.tranche.activities.support;

/**
 * A request a shared service will not carry out, with why in words: what it names does not exist
 * ({@link Why#NOT_FOUND}), the state it is in does not allow it ({@link Why#CONFLICT}), or it has lapsed
 * ({@link Why#GONE}). The API answers each as its problem (404, 409, 410); the pages say the message.
 */
public final class Refused extends RuntimeException {

  /** Why a request was refused. */
  public enum Why { NOT_FOUND, CONFLICT, GONE }

  private final Why why;

  private Refused(Why why, String message) {
    super(message);
    this.why = why;
  }

  /** {@code what} (e.g. "loan 42") does not exist, or is not the caller's to see. */
  public static Refused notFound(String what) {
    return new Refused(Why.NOT_FOUND, what + " was not found");
  }

  public static Refused conflict(String detail) {
    return new Refused(Why.CONFLICT, detail);
  }

  public static Refused gone(String detail) {
    return new Refused(Why.GONE, detail);
  }

  public Why why() {
    return why;
  }
}
