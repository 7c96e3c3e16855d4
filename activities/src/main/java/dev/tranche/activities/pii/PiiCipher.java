package dev.tranche.activities.pii;

import dev.tranche.activities.support.TrancheProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Column-level encryption for PII: AES-256-GCM with a random nonce per value, and a keyed
 * HMAC fingerprint for equality look-ups without decrypting.
 */
@Component
public class PiiCipher {

  private static final int NONCE = 12;

  private final String keyId;
  private final SecretKey key;
  private final SecretKey fingerprintKey;
  private final SecureRandom random = new SecureRandom();

  public PiiCipher(TrancheProperties properties) {
    byte[] raw = Base64.getDecoder().decode(properties.pii().key());
    if (raw.length != 32) {
      throw new IllegalStateException("tranche.pii.key must be a base64 32-byte AES key");
    }
    this.keyId = properties.pii().keyId();
    this.key = new SecretKeySpec(raw, "AES");
    this.fingerprintKey = new SecretKeySpec(hmac(new SecretKeySpec(raw, "HmacSHA256"), "fingerprint"), "HmacSHA256");
  }

  public String keyId() {
    return keyId;
  }

  public byte[] encrypt(String plaintext) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PII encryption failed", e);
    }
  }

  public String decrypt(byte[] ciphertext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 0, NONCE));
      return new String(cipher.doFinal(ciphertext, NONCE, ciphertext.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PII decryption failed", e);
    }
  }

  /** A stable keyed fingerprint, for finding the same SSN without decrypting. */
  public String fingerprint(String value) {
    return HexFormat.of().formatHex(hmac(fingerprintKey, value));
  }

  private static byte[] hmac(SecretKey key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
