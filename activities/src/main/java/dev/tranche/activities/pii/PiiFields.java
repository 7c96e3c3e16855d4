package dev.tranche.activities.pii;

import dev.tranche.activities.support.Json;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The field names that carry PII in any JSON we show (histories, evidence), masked wherever they stand. */
public final class PiiFields {

  private static final Set<String> NAMES = Set.of("ssn", "dateofbirth", "dob", "accountnumber", "routingnumber",
      "taxid");

  private PiiFields() {
  }

  public static boolean named(String field) {
    return NAMES.contains(field.toLowerCase(Locale.ROOT));
  }

  /** A copy of {@code node} with every PII-named field's value replaced by {@code ***}, at any depth. */
  public static JsonNode masked(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = Json.MAPPER.createObjectNode();
      for (var entry : node.properties()) {
        copy.set(entry.getKey(), named(entry.getKey()) ? Json.MAPPER.getNodeFactory().stringNode("***")
            : masked(entry.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      var array = Json.MAPPER.createArrayNode();
      node.forEach(item -> array.add(masked(item)));
      return array;
    }
    return node;
  }
}
