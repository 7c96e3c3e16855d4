package dev.tranche.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, Basic
 * auth), recording every message so tests can assert on what was sent.
 */
final class TwilioSandbox {

  private final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/2010-04-01/Accounts/([^/]+)/Messages.json", (ex, m) -> {
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          if (auth == null || !auth.startsWith("Basic ")) {
            Exchanges.json(ex, 401, Map.of("code", 20003, "message", "Authenticate", "status", 401));
            return;
          }
          Map<String, String> form = Exchanges.formBody(ex);
          if (form.get("To") == null || form.get("Body") == null) {
            Exchanges.json(ex, 400, Map.of("code", 21604, "message", "A 'To' phone number and a Body are required.",
                "status", 400));
            return;
          }
          Map<String, Object> message = new LinkedHashMap<>();
          message.put("sid", "SM" + UUID.randomUUID().toString().replace("-", ""));
          message.put("account_sid", m.group(1));
          message.put("to", form.get("To"));
          message.put("from", form.get("From"));
          message.put("body", form.get("Body"));
          message.put("status", "queued");
          message.put("num_segments", "1");
          message.put("direction", "outbound-api");
          message.put("api_version", "2010-04-01");
          message.put("date_created", Instant.now().toString());
          messages.add(message);
          Exchanges.json(ex, 201, message);
        }),
        Route.of("GET", "/sandbox/twilio/messages", (ex, m) -> Exchanges.json(ex, 200, new ArrayList<>(messages))));
  }
}
