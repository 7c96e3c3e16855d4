package dev.tranche.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadEncryptionCodecTest {

  private static final String KEY = Base64.getEncoder().encodeToString(
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  record Secret(String applicationId, String note) {
  }

  @Test
  void payloads_leave_encrypted_with_their_key_id_and_come_back_intact() {
    DataConverter converter = DataConverters.encrypted("k1", KEY);
    Optional<io.temporal.api.common.v1.Payloads> encoded = converter.toPayloads(new Secret("app-1", "visible text"));
    Payload payload = encoded.orElseThrow().getPayloads(0);
    assertThat(payload.getData().toStringUtf8()).doesNotContain("visible text", "app-1");
    assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(payload.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    Secret back = converter.fromPayloads(0, encoded, Secret.class, Secret.class);
    assertThat(back).isEqualTo(new Secret("app-1", "visible text"));
  }

  @Test
  void a_rotated_keyring_still_reads_old_payloads_and_refuses_unknown_keys() {
    PayloadEncryptionCodec old = DataConverters.codec("k1", KEY);
    Payload plain = Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("{}")).build();
    Payload sealed = old.encode(List.of(plain)).getFirst();
    var k1 = new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(KEY), "AES");
    var k2 = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
    PayloadEncryptionCodec rotated = new PayloadEncryptionCodec("k2", Map.of("k1", k1, "k2", k2));
    assertThat(rotated.decode(List.of(sealed)).getFirst()).isEqualTo(plain);
    PayloadEncryptionCodec stranger = new PayloadEncryptionCodec("k2", Map.of("k2", k2));
    assertThatThrownBy(() -> stranger.decode(List.of(sealed))).isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void a_tampered_payload_is_refused() {
    PayloadEncryptionCodec codec = DataConverters.codec("k1", KEY);
    Payload sealed = codec.encode(List.of(Payload.newBuilder()
        .setData(com.google.protobuf.ByteString.copyFromUtf8("{\"a\":1}")).build())).getFirst();
    byte[] bytes = sealed.getData().toByteArray();
    bytes[bytes.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(com.google.protobuf.ByteString.copyFrom(bytes)).build();
    assertThatThrownBy(() -> codec.decode(List.of(tampered))).isInstanceOf(PayloadCodecException.class);
  }
}
