package dev.tranche.temporal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The data converter every Tranche client and worker uses: Jackson JSON, then AES-GCM. */
public final class DataConverters {

  private DataConverters() {
  }

  /**
   * @param keyId the current key id
   * @param base64Key a 32-byte AES key, base64-encoded
   */
  public static DataConverter encrypted(String keyId, String base64Key) {
    return encrypted(codec(keyId, base64Key));
  }

  public static DataConverter encrypted(PayloadEncryptionCodec codec) {
    return new CodecDataConverter(json(), List.of(codec));
  }

  /**
   * Jackson JSON that tolerates fields it does not know, so a payload written by a newer
   * version of a record still reads in an older worker during a rolling deploy.
   */
  public static DataConverter json() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }

  public static PayloadEncryptionCodec codec(String keyId, String base64Key) {
    byte[] raw = Base64.getDecoder().decode(base64Key);
    if (raw.length != 32) {
      throw new IllegalArgumentException("the payload key must be 32 bytes (AES-256), base64-encoded");
    }
    SecretKey key = new SecretKeySpec(raw, "AES");
    return new PayloadEncryptionCodec(keyId, Map.of(keyId, key));
  }
}
