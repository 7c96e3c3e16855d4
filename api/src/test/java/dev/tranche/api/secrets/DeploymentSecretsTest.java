package dev.tranche.api.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tranche.workers.DeploymentSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Outside the embedded run the API refuses to start on a missing secret or on any of the public
 * development values, and names each; with real ones it starts. The application here is the API's own
 * configuration (its application.yml and tranche-common.yml) with no beans, so the start is the guard's.
 */
class DeploymentSecretsTest {

  @Configuration(proxyBeanMethods = false)
  static class NoBeans {
  }

  /** A real value for every secret the API needs, as an operator would set them. */
  private static Map<String, Object> real() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("TRANCHE_DB_PASSWORD", "s3cr3t-db-password");
    env.put("TRANCHE_PAYLOAD_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");
    env.put("TRANCHE_PII_KEY", "3q2+796tvu/erb7v3q2+796tvu/erb7v3q2+796tvu8=");
    env.put("TWILIO_AUTH_TOKEN", "a-real-twilio-auth-token");
    env.put("TRANCHE_JWT_SECRET", "a-real-jwt-secret-that-is-at-least-32-bytes-long");
    env.put("TRANCHE_OIDC_ISSUER", "https://id.example.test/realms/tranche");
    env.put("TRANCHE_OIDC_JWK_SET_URI", "https://id.example.test/realms/tranche/protocol/openid-connect/certs");
    for (String lender : new String[] {"LENDER", "NORTHWIND", "BLUEBANK", "CEDAR", "PAYMENTS"}) {
      env.put("TRANCHE_" + lender + "_WEBHOOK_SECRET", "whsec-" + lender.toLowerCase(java.util.Locale.ROOT) + "-1");
    }
    return env;
  }

  private static ConfigurableApplicationContext start(Map<String, Object> env, String... profiles) {
    return new SpringApplicationBuilder(NoBeans.class).web(WebApplicationType.NONE).properties(env)
        .profiles(profiles).run();
  }

  @Test
  void with_real_secrets_it_starts() {
    try (ConfigurableApplicationContext context = start(real())) {
      assertThat(context.isActive()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRANCHE_PAYLOAD_KEY=ZGV2LW9ubHktcGF5bG9hZC1rZXktMzItYnl0ZXMhISE=|tranche.temporal.payload-key",
      "TRANCHE_PII_KEY=ZGV2LW9ubHktcGlpLWNvbHVtbi1rZXktMzItYnl0ZSE=|tranche.pii.key",
      "TRANCHE_JWT_SECRET=dev-only-jwt-secret-change-me-0123456789abcdef|tranche.security.jwt-secret",
      "TWILIO_AUTH_TOKEN=dev-twilio-token|tranche.twilio.auth-token",
      "TRANCHE_DB_PASSWORD=tranche|spring.datasource.password",
      "TRANCHE_LENDER_WEBHOOK_SECRET=dev-lender-webhook-secret|tranche.webhooks.lenders.sandbox-lender",
      "TRANCHE_NORTHWIND_WEBHOOK_SECRET=dev-lender-webhook-secret|tranche.webhooks.lenders.northwind",
      "TRANCHE_BLUEBANK_WEBHOOK_SECRET=dev-lender-webhook-secret|tranche.webhooks.lenders.bluebank",
      "TRANCHE_CEDAR_WEBHOOK_SECRET=dev-lender-webhook-secret|tranche.webhooks.lenders.cedar",
      "TRANCHE_PAYMENTS_WEBHOOK_SECRET=dev-payments-webhook-secret|tranche.webhooks.payments"})
  void each_development_value_is_refused_by_name(String setting) {
    int equals = setting.indexOf('=');
    int bar = setting.indexOf('|');
    String[] parts = {setting.substring(0, equals), setting.substring(equals + 1, bar), setting.substring(bar + 1)};
    Map<String, Object> env = real();
    env.put(parts[0], parts[1]);
    DeploymentSecrets.Refused refused = catchThrowableOfType(DeploymentSecrets.Refused.class, () -> start(env));
    assertThat(refused.refusals()).singleElement().asString()
        .startsWith(parts[2] + " is the public development value: set " + parts[0]);
  }

  @Test
  void each_missing_secret_is_named_with_how_to_make_one() {
    Map<String, Object> env = real();
    env.remove("TRANCHE_PII_KEY");
    env.remove("TRANCHE_OIDC_JWK_SET_URI");
    DeploymentSecrets.Refused refused = catchThrowableOfType(DeploymentSecrets.Refused.class, () -> start(env));
    assertThat(refused.refusals()).containsExactlyInAnyOrder(
        "tranche.pii.key is missing: set TRANCHE_PII_KEY (32 random bytes, base64: openssl rand -base64 32)",
        "tranche.security.oidc.jwk-set-uri is missing: set TRANCHE_OIDC_JWK_SET_URI (your identity provider's"
            + " JWKS URL)");
  }

  @Test
  void a_well_known_development_key_signs_only_on_the_local_development_chain() {
    Map<String, Object> env = real();
    env.put("tranche.chains.mainnet.chain-id", "1");
    env.put("tranche.chains.mainnet.operator-key", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    env.put("tranche.chains.local.chain-id", "31337");
    env.put("tranche.chains.local.operator-key", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    DeploymentSecrets.Refused refused = catchThrowableOfType(DeploymentSecrets.Refused.class, () -> start(env));
    assertThat(refused.refusals()).singleElement().asString()
        .startsWith("tranche.chains.mainnet.operator-key is a well-known development key");
  }

  @Test
  void the_embedded_run_uses_the_development_values() {
    try (ConfigurableApplicationContext context = start(Map.of(), "embedded")) {
      assertThat(context.getEnvironment().getProperty("tranche.pii.key"))
          .isEqualTo("ZGV2LW9ubHktcGlpLWNvbHVtbi1rZXktMzItYnl0ZSE=");
      assertThat(context.getEnvironment().getProperty("tranche.webhooks.payments"))
          .isEqualTo("dev-payments-webhook-secret");
    }
  }
}
