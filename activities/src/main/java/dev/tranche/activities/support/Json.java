package dev.tranche.activities.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper outside HTTP binding (which is Spring's): what the store writes into jsonb columns,
 * provider and partner bodies, signed webhook bodies, and the ops history view.
 */
public final class Json {

  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {
  }

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static JsonNode read(String json) {
    return MAPPER.readTree(json);
  }

  public static <T> T read(String json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }
}
