package dev.tranche.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider stand-in (authorization code flow) under {@code /oidc}: discovery, JWKS, an
 * authorization endpoint that signs in the user set by {@code POST /sandbox/oidc/next-user
 * {"sub","name","roles":[…]}} at once (no form; default {@code ops-oidc} with OPS), and a token endpoint that
 * answers an RS256 ID token carrying the nonce, the client id as audience and the roles claim. The key pair is
 * made at start; client secrets are not checked (any client may sign in here, as against a test realm).
 */
final class OidcProvider {

  private record Grant(String clientId, String nonce, Map<String, Object> user) {
  }

  private final KeyPair keys;
  private final String keyId = "sandbox-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private volatile Map<String, Object> nextUser = Map.of("sub", "ops-oidc", "name", "Ops Through OIDC",
      "roles", List.of("OPS"));
  private final java.util.function.Supplier<String> base;

  OidcProvider(java.util.function.Supplier<String> base) {
    this.base = base;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String issuer() {
    return base.get() + "/oidc";
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/oidc/\\.well-known/openid-configuration", (ex, m) -> Exchanges.json(ex, 200, Map.of(
            "issuer", issuer(), "authorization_endpoint", issuer() + "/authorize",
            "token_endpoint", issuer() + "/token", "jwks_uri", issuer() + "/jwks",
            "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
            "id_token_signing_alg_values_supported", List.of("RS256"),
            "scopes_supported", List.of("openid"), "token_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post")))),
        Route.of("GET", "/oidc/jwks", (ex, m) -> {
          RSAPublicKey key = (RSAPublicKey) keys.getPublic();
          Exchanges.json(ex, 200, Map.of("keys", List.of(Map.of("kty", "RSA", "kid", keyId, "use", "sig",
              "alg", "RS256", "n", b64(unsigned(key.getModulus())), "e", b64(unsigned(key.getPublicExponent()))))));
        }),
        Route.of("GET", "/oidc/authorize", (ex, m) -> authorize(ex)),
        Route.of("POST", "/oidc/token", (ex, m) -> {
          Map<String, String> form = Exchanges.formBody(ex);
          Grant grant = codes.remove(form.getOrDefault("code", ""));
          if (grant == null) {
            Exchanges.json(ex, 400, Map.of("error", "invalid_grant"));
            return;
          }
          Exchanges.json(ex, 200, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer",
              "expires_in", 300, "scope", "openid", "id_token", idToken(grant)));
        }),
        Route.of("POST", "/sandbox/oidc/next-user", (ex, m) -> {
          var body = Exchanges.jsonBody(ex);
          Map<String, Object> user = new LinkedHashMap<>();
          user.put("sub", body.path("sub").asText());
          user.put("name", body.path("name").asText(body.path("sub").asText()));
          user.put("roles", Exchanges.JSON.convertValue(body.path("roles"), Object.class));
          nextUser = user;
          Exchanges.json(ex, 200, user);
        }));
  }

  private void authorize(HttpExchange ex) throws IOException {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      query.put(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    String redirect = query.get("redirect_uri");
    if (!"code".equals(query.get("response_type")) || redirect == null || query.get("client_id") == null) {
      Exchanges.json(ex, 400, Map.of("error", "invalid_request"));
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Grant(query.get("client_id"), query.get("nonce"), nextUser));
    String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
        + (query.containsKey("state") ? "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) : "");
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private String idToken(Grant grant) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>(grant.user());
    claims.put("iss", issuer());
    claims.put("aud", grant.clientId());
    claims.put("iat", now);
    claims.put("exp", now + 300);
    if (grant.nonce() != null) {
      claims.put("nonce", grant.nonce());
    }
    try {
      String header = b64(Exchanges.JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId)));
      String payload = b64(Exchanges.JSON.writeValueAsBytes(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + b64(rsa.sign());
    } catch (Exception e) {
      throw new IllegalStateException("could not sign an ID token", e);
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
