package dev.tranche.activities.support;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP stack for calls to providers, lenders and partners: Spring's {@link RestClient} over the
 * JDK's HTTP/1.1 client, with a connect timeout and a read timeout per client.
 */
public final class RestClients {

  private RestClients() {
  }

  public static RestClient.Builder builder(Duration connectTimeout, Duration readTimeout) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
        .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(readTimeout);
    return RestClient.builder().requestFactory(factory);
  }
}
