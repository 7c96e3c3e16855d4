package dev.tranche.activities.servicing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the payment rail and the collection agency are. */
@ConfigurationProperties("tranche.servicing")
public record ServicingProperties(String railUrl, String agencyUrl) {
}
