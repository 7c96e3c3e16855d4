package dev.tranche.api.webhook;

import org.springframework.stereotype.Component;

/** The payment processor's webhook signatures, checked like the lenders'. */
@Component
public class PaymentSignatures {

  private final WebhookSignatures signatures;

  PaymentSignatures(WebhookSignatures signatures) {
    this.signatures = signatures;
  }

  public void verify(String timestamp, String signature, String body) {
    signatures.verifyPayments(timestamp, signature, body);
  }
}
