package dev.tranche.activities.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as every signed webhook uses it, ours and the providers': over {@code timestamp + "." + body}. */
public final class Hmac {

  private Hmac() {
  }

  public static byte[] sha256(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  public static String sha256Hex(String secret, String payload) {
    return HexFormat.of().formatHex(sha256(secret, payload));
  }
}
