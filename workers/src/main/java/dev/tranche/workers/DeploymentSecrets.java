package dev.tranche.workers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start a deployment on a development secret. Every secret the process needs is named in
 * {@code tranche.secrets.required} (property → how to make one); the public development values live in
 * {@code application-development-secrets.yml}, loaded only with the {@code development-secrets} profile
 * (which {@code embedded} includes). Without that profile, a secret that is missing or equal to its
 * development value stops the start before any bean is created, and the message names each one. Chain
 * operator keys are refused when they are a well-known development key on any chain but anvil's local one
 * (chain id 31337, which holds nothing of value).
 */
public final class DeploymentSecrets implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String PROFILE = "development-secrets";
  static final String DEVELOPMENT_VALUES = "application-development-secrets.yml";
  private static final long LOCAL_CHAIN_ID = 31337;
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[^:}]+:(.*)}");
  private static final Logger log = LoggerFactory.getLogger(DeploymentSecrets.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    if (Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
      log.warn("Running on the public development secrets (profile {}): never expose this process", PROFILE);
      return;
    }
    List<String> refusals = refusals(environment);
    if (!refusals.isEmpty()) {
      throw new Refused(refusals);
    }
  }

  /** What is wrong with the environment's secrets, one line per secret; empty when all are real. */
  static List<String> refusals(ConfigurableEnvironment environment) {
    Binder binder = Binder.get(environment);
    Map<String, String> required = binder.bind("tranche.secrets.required",
        Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    Map<String, String> development = developmentValues();
    List<String> refusals = new ArrayList<>();
    required.forEach((property, howTo) -> {
      String value = value(environment, property);
      if (value == null || value.isBlank()) {
        refusals.add(property + " is missing: set " + howTo);
      } else if (value.equals(development.get(property))) {
        refusals.add(property + " is the public development value: set " + howTo);
      }
    });
    Set<String> wellKnown = Set.copyOf(binder.bind("tranche.secrets.well-known-chain-keys",
        Bindable.listOf(String.class)).orElse(List.of()));
    Map<String, ChainSigner> chains = binder.bind("tranche.chains",
        Bindable.mapOf(String.class, ChainSigner.class)).orElse(Map.of());
    chains.forEach((name, chain) -> {
      String key = chain.operatorKey();
      if (key != null && wellKnown.contains(key.toLowerCase(Locale.ROOT))
          && (chain.chainId() == null || chain.chainId() != LOCAL_CHAIN_ID)) {
        refusals.add("tranche.chains." + name + ".operator-key is a well-known development key: set "
            + "TRANCHE_CHAINS_" + name.toUpperCase(Locale.ROOT) + "_OPERATORKEY to the operator account's"
            + " own key (cast wallet new)");
      }
    });
    return refusals;
  }

  /** The part of a chain's settings that signs. */
  public record ChainSigner(String operatorKey, Long chainId) {
  }

  private static String value(ConfigurableEnvironment environment, String property) {
    try {
      return environment.getProperty(property);
    } catch (IllegalArgumentException unresolvable) {
      return null;
    }
  }

  /** The development values as the development profile's file gives them ({@code ${ENV:value}} → value). */
  static Map<String, String> developmentValues() {
    try {
      Map<String, String> values = new LinkedHashMap<>();
      for (PropertySource<?> source : new YamlPropertySourceLoader().load(DEVELOPMENT_VALUES,
          new ClassPathResource(DEVELOPMENT_VALUES))) {
        if (source.getSource() instanceof Map<?, ?> map) {
          map.forEach((k, v) -> {
            String raw = String.valueOf(v);
            Matcher defaulted = DEFAULTED.matcher(raw);
            values.put(String.valueOf(k), defaulted.matches() ? defaulted.group(1) : raw);
          });
        }
      }
      return values;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEVELOPMENT_VALUES, e);
    }
  }

  /** The start is refused; {@link RefusedAnalyzer} prints the lines as Spring Boot's startup failure. */
  public static final class Refused extends IllegalStateException {

    private final transient List<String> refusals;

    Refused(List<String> refusals) {
      super("Refusing to start on development or missing secrets:\n  - " + String.join("\n  - ", refusals));
      this.refusals = List.copyOf(refusals);
    }

    public List<String> refusals() {
      return refusals;
    }
  }
}
