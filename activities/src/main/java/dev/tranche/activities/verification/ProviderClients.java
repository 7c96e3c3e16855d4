package dev.tranche.activities.verification;

import dev.tranche.activities.marketplace.MarketplaceProperties;
import java.util.HashMap;
import java.util.Map;

import dev.tranche.activities.support.TrancheProperties;
import dev.tranche.common.FailureType;
import org.springframework.stereotype.Component;

/** One {@link ProviderHttp} per provider, built from configuration. */
@Component
public class ProviderClients {

  private final ProviderHttp kyc;
  private final ProviderHttp bureau;
  private final ProviderHttp bankData;
  private final ProviderHttp lender;
  private final Map<String, ProviderHttp> lenders = new HashMap<>();

  public ProviderClients(TrancheProperties properties, MarketplaceProperties marketplace) {
    var p = properties.providers();
    kyc = new ProviderHttp("kyc", FailureType.PROVIDER_REJECTED, p.kycUrl(), p.connectTimeoutMillis(), p.readTimeoutMillis());
    bureau = new ProviderHttp("bureau", FailureType.PROVIDER_REJECTED, p.bureauUrl(), p.connectTimeoutMillis(), p.readTimeoutMillis());
    bankData = new ProviderHttp("bank-data", FailureType.PROVIDER_REJECTED, p.bankDataUrl(), p.connectTimeoutMillis(), p.readTimeoutMillis());
    // A lender's refusal to create or fund a loan is final for that loan: compensate, never retry.
    lender = new ProviderHttp("lender", FailureType.LENDER_REJECTED, p.lenderUrl() + "/lender", p.connectTimeoutMillis(),
        p.readTimeoutMillis());
    if (marketplace.lenders() != null) {
      marketplace.lenders().forEach((name, l) -> {
        if (l.fundingUrl() != null && !l.fundingUrl().isBlank()) {
          lenders.put(name, new ProviderHttp("lender " + name, FailureType.LENDER_REJECTED, l.fundingUrl(),
              p.connectTimeoutMillis(), p.readTimeoutMillis()));
        }
      });
    }
  }

  public ProviderHttp kyc() {
    return kyc;
  }

  public ProviderHttp bureau() {
    return bureau;
  }

  public ProviderHttp bankData() {
    return bankData;
  }

  /**
   * The loan API of {@code name}, the lender that quoted the loan; the configured single lender
   * ({@code tranche.providers.lender-url}) for a lender without a funding URL of its own.
   */
  public ProviderHttp lender(String name) {
    return lenders.getOrDefault(name, lender);
  }
}
