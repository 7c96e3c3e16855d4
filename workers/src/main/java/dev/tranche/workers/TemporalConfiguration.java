package dev.tranche.workers;

import dev.tranche.temporal.DataConverters;
import dev.tranche.temporal.PayloadEncryptionCodec;
import io.temporal.common.converter.DataConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every Temporal client and worker of ours shares: the encrypting data converter. The
 * starter picks up the {@code mainDataConverter} bean for the client and the workers alike.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {

  @Bean
  PayloadEncryptionCodec payloadEncryptionCodec(@Value("${tranche.temporal.payload-key-id}") String keyId,
      @Value("${tranche.temporal.payload-key}") String key) {
    return DataConverters.codec(keyId, key);
  }

  @Bean
  DataConverter mainDataConverter(PayloadEncryptionCodec payloadEncryptionCodec) {
    return DataConverters.encrypted(payloadEncryptionCodec);
  }
}
