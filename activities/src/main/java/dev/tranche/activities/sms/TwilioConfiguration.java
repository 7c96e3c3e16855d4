package dev.tranche.activities.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import dev.tranche.activities.support.TrancheProperties;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Twilio client as a bean (never {@code Twilio.init}). When {@code tranche.twilio.api-host} is
 * set, every request is routed to that host instead of api.twilio.com, unpatched: the stand-in sees
 * the SDK's genuine request.
 */
@Configuration(proxyBeanMethods = false)
class TwilioConfiguration {

  @Bean
  TwilioRestClient twilioRestClient(TrancheProperties properties) {
    var twilio = properties.twilio();
    TwilioRestClient.Builder builder = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken());
    if (twilio.apiHost() != null && !twilio.apiHost().isBlank()) {
      URI uri = URI.create(twilio.apiHost());
      HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
      HttpRoutePlanner toStandIn = (target, context) -> new HttpRoute(host);
      builder.httpClient(new NetworkHttpClient(HttpClientBuilder.create().setRoutePlanner(toStandIn)));
    }
    return builder.build();
  }
}
