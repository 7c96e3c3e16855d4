package dev.tranche.api.ops;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.tranche.temporal.PayloadEncryptionCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a workflow history into JSON for ops: every payload is decoded through the codec and
 * shown as the JSON it carries, with PII-named fields masked.
 */
@Component
class HistoryRenderer {

  private static final Set<String> PII_FIELDS = Set.of("ssn", "dateofbirth", "dob", "accountnumber",
      "routingnumber", "taxid");

  private final PayloadEncryptionCodec codec;
  private final JsonMapper json = JsonMapper.builder().build();
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  HistoryRenderer(PayloadEncryptionCodec codec) {
    this.codec = codec;
  }

  List<Map<String, Object>> render(List<HistoryEvent> events) {
    List<Map<String, Object>> out = new ArrayList<>(events.size());
    for (HistoryEvent event : events) {
      JsonNode tree = json.readTree(print(event));
      out.add(Map.of("eventId", event.getEventId(), "eventType", event.getEventType().name(),
          "eventTime", tree.path("eventTime").asString(""), "attributes", decode(tree)));
    }
    return out;
  }

  private JsonNode decode(JsonNode node) {
    if (node.isObject()) {
      if (node.has("metadata") && node.path("metadata").has("encoding")) {
        return payload(node);
      }
      ObjectNode copy = json.createObjectNode();
      for (var entry : node.properties()) {
        if (entry.getKey().equals("eventId") || entry.getKey().equals("eventType")
            || entry.getKey().equals("eventTime")) {
          continue;
        }
        copy.set(entry.getKey(), PII_FIELDS.contains(entry.getKey().toLowerCase()) ? json.getNodeFactory()
            .stringNode("***") : decode(entry.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      var array = json.createArrayNode();
      node.forEach(item -> array.add(decode(item)));
      return array;
    }
    return node;
  }

  private JsonNode payload(JsonNode node) {
    try {
      Payload.Builder builder = Payload.newBuilder();
      JsonFormat.parser().merge(node.toString(), builder);
      Payload decoded = codec.decode(List.of(builder.build())).getFirst();
      String encoding = decoded.getMetadataMap().containsKey("encoding")
          ? decoded.getMetadataMap().get("encoding").toStringUtf8() : "";
      if (encoding.equals("binary/null")) {
        return json.nullNode();
      }
      if (encoding.startsWith("json/")) {
        return mask(json.readTree(decoded.getData().toString(StandardCharsets.UTF_8)));
      }
      return json.getNodeFactory().stringNode("<" + encoding + ", " + decoded.getData().size() + " bytes>");
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return json.getNodeFactory().stringNode("<undecodable payload>");
    }
  }

  private JsonNode mask(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = json.createObjectNode();
      for (var entry : node.properties()) {
        copy.set(entry.getKey(), PII_FIELDS.contains(entry.getKey().toLowerCase())
            ? json.getNodeFactory().stringNode("***") : mask(entry.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      var array = json.createArrayNode();
      node.forEach(item -> array.add(mask(item)));
      return array;
    }
    return node;
  }

  private String print(HistoryEvent event) {
    try {
      return printer.print(event);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("history event could not be printed", e);
    }
  }
}
