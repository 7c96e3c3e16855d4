package dev.tranche.review;

import java.util.List;

/** Who asks to claim or release a review, with the roles their token carries. */
public record ReviewAction(String underwriter, List<String> roles) {

  public ReviewAction {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
