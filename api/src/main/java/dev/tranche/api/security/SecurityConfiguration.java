package dev.tranche.api.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.api.web.RateLimitFilter;
import dev.tranche.common.Roles;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * JWT resource server. Roles come from the token's {@code roles} claim. Webhooks are not
 * authenticated by token: each verifies its own signature.
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
    AuthenticationFilter apiKeys = new AuthenticationFilter(
        new ProviderManager(PartnerApiKeys.provider(partners)), PartnerApiKeys.converter());
    apiKeys.setSuccessHandler((request, response, authentication) -> {
    });
    apiKeys.setFailureHandler(new AuthenticationEntryPointFailureHandler(ProblemAuthHandlers.apiKeyRequired()));
    http.securityMatcher("/api/v1/partners/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/v1/partners/*/financing-offers").hasRole(Roles.PARTNER)
            .anyRequest().denyAll())
        .exceptionHandling(e -> e
            .authenticationEntryPoint(ProblemAuthHandlers.apiKeyRequired())
            .accessDeniedHandler(ProblemAuthHandlers.forbidden()))
        // The key is checked just before anonymous authentication; the limiter runs after both, so it
        // sees the partner (AuthenticationFilter.class has an earlier built-in slot, hence Anonymous here).
        .addFilterBefore(apiKeys, AnonymousAuthenticationFilter.class)
        .addFilterAfter(new RateLimitFilter(redisson, perMinute), AnonymousAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, RedissonClient redisson,
      @Value("${tranche.rate-limit.per-minute}") long perMinute) throws Exception {
    JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
    roles.setAuthoritiesClaimName("roles");
    roles.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(roles);
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health/**",
                "/actuator/health", "/error").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/dev/tokens").permitAll()
            .requestMatchers("/api/v1/dev/clock", "/api/v1/dev/clock/**", "/api/v1/dev/portfolio",
                "/api/v1/dev/portfolio/**").hasAnyRole(Roles.OPS, Roles.ADMIN)
            // A borrower link's token is its credential: possession of the texted link is the proof.
            .requestMatchers(HttpMethod.GET, "/api/v1/borrower-links/*").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/borrower-links/*/submit").permitAll()
            .requestMatchers("/api/v1/admin/**").hasRole(Roles.ADMIN)
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
            .requestMatchers("/api/v1/ops/**", "/actuator/**").hasAnyRole(Roles.OPS, Roles.ADMIN)
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

  @Bean
  JwtDecoder jwtDecoder(SecretKey jwtKey, @Value("${tranche.security.issuer}") String issuer,
      @Value("${tranche.security.audience}") String audience) {
    return strictDecoder(jwtKey, issuer, audience);
  }

  /**
   * Tokens are taken only when signed with the key, from our issuer, for our audience, with an expiry, and
   * with roles (if any) as an array: a string such as {@code "OPS ADMIN"} is refused, not split on spaces.
   */
  static NimbusJwtDecoder strictDecoder(SecretKey key, String issuer, String audience) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(issuer),
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
        new JwtClaimValidator<Object>("roles", roles -> roles == null || roles instanceof Collection)));
    return decoder;
  }

  @Bean
  TokenIssuer tokenIssuer(SecretKey jwtKey, @Value("${tranche.security.issuer}") String issuer,
      @Value("${tranche.security.audience}") String audience) {
    return new TokenIssuer(new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey)), issuer, audience);
  }
}
