package dev.tranche.api.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.tranche.activities.bnpl.MerchantDirectory;
import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.api.web.RateLimitFilter;
import dev.tranche.common.Roles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * JWT resource server over the identity provider's tokens and Tranche's own ({@link AccessTokens}).
 * Webhooks are not authenticated by token: each verifies its own signature.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /**
   * The partner API: API key only (no tokens), its own per-partner rate limit, nothing else
   * reachable through this chain.
   */
  @Bean
  @Order(1)
  SecurityFilterChain partnerApi(HttpSecurity http, PartnerDirectory partners, RedissonClient redisson,
      @Value("${tranche.partners.rate-per-minute}") long perMinute) throws Exception {
    return apiKeyChain(http.securityMatcher("/api/v1/partners/**").authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/v1/partners/*/financing-offers").hasRole(Roles.PARTNER)
            .anyRequest().denyAll()),
        apiKeyFilter(ApiKeys.Kind.PARTNER, key -> partners.authenticate(key)
            .map(caller -> new ApiKeys.Holder(caller.partnerId(), caller.ratePerMinute()))),
        new RateLimitFilter(redisson, perMinute));
  }

  /**
   * The merchant API: API key only, its own per-merchant rate limit; a merchant reaches only its own
   * resources (checked by each endpoint against the key's merchant).
   */
  @Bean
  @Order(2)
  SecurityFilterChain merchantApi(HttpSecurity http, MerchantDirectory merchants, RedissonClient redisson,
      @Value("${tranche.bnpl.rate-per-minute}") long perMinute) throws Exception {
    return apiKeyChain(http.securityMatcher("/api/v1/merchants/**")
            .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Roles.MERCHANT)),
        apiKeyFilter(ApiKeys.Kind.MERCHANT, key -> merchants.authenticate(key)
            .map(caller -> new ApiKeys.Holder(caller.merchantId(), caller.ratePerMinute()))),
        new RateLimitFilter(redisson, perMinute));
  }

  /**
   * A stateless API-key chain: the key is checked just before anonymous authentication; the limiter runs after
   * both, so it sees the caller (AuthenticationFilter.class has an earlier built-in slot, hence Anonymous here).
   */
  private static SecurityFilterChain apiKeyChain(HttpSecurity http, AuthenticationFilter keys, RateLimitFilter limit)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(e -> e
            .authenticationEntryPoint(ProblemAuthHandlers.apiKeyRequired())
            .accessDeniedHandler(ProblemAuthHandlers.forbidden()))
        .addFilterBefore(keys, AnonymousAuthenticationFilter.class)
        .addFilterAfter(limit, AnonymousAuthenticationFilter.class);
    return http.build();
  }

  private static AuthenticationFilter apiKeyFilter(ApiKeys.Kind kind,
      Function<String, Optional<ApiKeys.Holder>> lookup) {
    AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(ApiKeys.provider(kind, lookup)),
        ApiKeys.converter());
    filter.setSuccessHandler((request, response, authentication) -> {
    });
    filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(ProblemAuthHandlers.apiKeyRequired()));
    return filter;
  }

  @Bean
  @Order(3)
  SecurityFilterChain api(HttpSecurity http, RedissonClient redisson, AccessTokens.IdentityProvider idp,
      @Value("${tranche.rate-limit.per-minute}") long perMinute,
      @Value("${tranche.codec.cors-origins:}") List<String> codecOrigins,
      @Value("${management.server.port:-1}") int managementPort) throws Exception {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(AccessTokens.authorities(idp));
    http.csrf(csrf -> csrf.disable())
        .cors(cors -> cors.configurationSource(codecCors(codecOrigins)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth
            // A separate management port (MANAGEMENT_SERVER_PORT, compose: 9091) is the internal network's, for
            // health checks and Prometheus; on the public port the actuator needs OPS or ADMIN.
            .requestMatchers(request -> managementPort > 0 && request.getLocalPort() == managementPort).permitAll()
            .requestMatchers(HttpMethod.OPTIONS, "/api/v1/codec/**").permitAll()
            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
                "/swagger-ui.html", "/actuator/health/**",
                "/actuator/health", "/error").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/dev/tokens").permitAll()
            .requestMatchers("/api/v1/dev/clock", "/api/v1/dev/clock/**", "/api/v1/dev/portfolio",
                "/api/v1/dev/portfolio/**", "/api/v1/dev/pools/**").hasAnyRole(Roles.OPS, Roles.ADMIN)
            // A borrower link's token is its credential: possession of the texted link is the proof.
            .requestMatchers(HttpMethod.GET, "/api/v1/borrower-links/*").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/borrower-links/*/submit").permitAll()
            .requestMatchers("/api/v1/admin/**").hasRole(Roles.ADMIN)
            .requestMatchers(HttpMethod.GET, "/api/v1/products", "/api/v1/products/**", "/api/v1/pools/**")
                .authenticated()
            .requestMatchers("/api/v1/checkout-sessions/**").hasRole(Roles.BORROWER)
            .requestMatchers(HttpMethod.GET, "/api/v1/bills", "/api/v1/bills/**")
                .hasAnyRole(Roles.BORROWER, Roles.OPS, Roles.ADMIN)
            .requestMatchers(HttpMethod.POST, "/api/v1/applications", "/api/v1/applications/*/acceptance")
                .hasRole(Roles.BORROWER)
            .requestMatchers(HttpMethod.GET, "/api/v1/applications/**", "/api/v1/loans/**")
                .hasAnyRole(Roles.BORROWER, Roles.UNDERWRITER, Roles.SENIOR_UNDERWRITER, Roles.OPS, Roles.ADMIN)
            .requestMatchers("/api/v1/reviews/**", "/api/v1/reviews")
                .hasAnyRole(Roles.UNDERWRITER, Roles.SENIOR_UNDERWRITER, Roles.ADMIN)
            .requestMatchers(HttpMethod.POST, "/api/v1/loans/*/reschedule").hasAnyRole(Roles.OPS, Roles.ADMIN)
            .requestMatchers(HttpMethod.POST, "/api/v1/loans/*/payoff-quote", "/api/v1/loans/*/promises")
                .hasAnyRole(Roles.BORROWER, Roles.OPS, Roles.ADMIN)
            .requestMatchers("/api/v1/collections/**").hasAnyRole(Roles.SCHEDULER, Roles.ADMIN)
            .requestMatchers("/api/v1/portfolio/**", "/api/v1/ledger/**").hasAnyRole(Roles.OPS, Roles.ADMIN)
            .requestMatchers("/api/v1/ops/**", "/api/v1/codec/**", "/actuator/**").hasAnyRole(Roles.OPS, Roles.ADMIN)
            .anyRequest().denyAll())
        .oauth2ResourceServer(rs -> rs
            .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
            .authenticationEntryPoint(ProblemAuthHandlers.unauthorized())
            .accessDeniedHandler(ProblemAuthHandlers.forbidden()))
        .exceptionHandling(e -> e
            .authenticationEntryPoint(ProblemAuthHandlers.unauthorized())
            .accessDeniedHandler(ProblemAuthHandlers.forbidden()))
        .addFilterAfter(new RateLimitFilter(redisson, perMinute), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  SecretKey jwtKey(@Value("${tranche.security.jwt-secret}") String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 32) {
      throw new IllegalStateException("tranche.security.jwt-secret must be at least 32 bytes");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  /**
   * The Temporal Web UI calls the codec endpoint from the browser with the user's token: its origin (for
   * example http://localhost:8233) is allowed there, and nowhere else.
   */
  static CorsConfigurationSource codecCors(List<String> origins) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    List<String> allowed = origins.stream().filter(o -> !o.isBlank()).toList();
    if (!allowed.isEmpty()) {
      CorsConfiguration codec = new CorsConfiguration();
      codec.setAllowedOrigins(allowed);
      codec.setAllowedMethods(List.of("POST", "OPTIONS"));
      codec.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Namespace"));
      codec.setAllowCredentials(true);
      codec.setMaxAge(3600L);
      source.registerCorsConfiguration("/api/v1/codec/**", codec);
    }
    return source;
  }

  @Bean
  AccessTokens.IdentityProvider identityProvider(@Value("${tranche.security.oidc.issuer:}") String issuer,
      @Value("${tranche.security.oidc.jwk-set-uri:}") String jwkSetUri,
      @Value("${tranche.security.roles-claim:roles}") String rolesClaim) {
    return new AccessTokens.IdentityProvider(issuer, jwkSetUri, rolesClaim);
  }

  /** The identity provider's tokens and Tranche's own; see {@link AccessTokens}. */
  @Bean
  JwtDecoder jwtDecoder(SecretKey jwtKey, @Value("${tranche.security.issuer}") String issuer,
      @Value("${tranche.security.audience}") String audience, AccessTokens.IdentityProvider idp,
      Environment environment) {
    return AccessTokens.decoder(jwtKey, issuer, audience, idp, environment.matchesProfiles("embedded"));
  }

  @Bean
  TokenIssuer tokenIssuer(SecretKey jwtKey, @Value("${tranche.security.issuer}") String issuer,
      @Value("${tranche.security.audience}") String audience) {
    return new TokenIssuer(new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey)), issuer, audience);
  }
}
