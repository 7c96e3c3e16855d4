package dev.tranche.api.application;

/** Where a borrower follows an application: itself and its offers. */
public record ApplicationLinks(String self, String offers) {

  public static ApplicationLinks of(String applicationId) {
    String self = "/api/v1/applications/" + applicationId;
    return new ApplicationLinks(self, self + "/offers");
  }
}
