package dev.tranche.api.webhook;

import dev.tranche.activities.support.Json;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.NulText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A verified webhook body read as JSON: not JSON, or a NUL anywhere in it, is a 400. */
public final class WebhookBodies {

  private static final JsonMapper JSON = Json.MAPPER;

  private WebhookBodies() {
  }

  public static JsonNode parse(String body) {
    JsonNode event;
    try {
      event = JSON.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      throw ApiProblem.badRequest("the body is not JSON");
    }
    NulText.requireNone(event);
    return event;
  }
}
