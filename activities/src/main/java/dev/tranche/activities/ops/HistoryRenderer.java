package dev.tranche.activities.ops;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.tranche.activities.pii.PiiFields;
import dev.tranche.activities.support.Json;
import dev.tranche.temporal.PayloadEncryptionCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a workflow history into JSON for ops: every payload is decoded through the codec and
 * shown as the JSON it carries, with PII-named fields masked.
 */
@Component
public class HistoryRenderer {

  private static final Set<String> EVENT_HEADER = Set.of("eventId", "eventType", "eventTime");

  /** The workers' codec (beside the API in every process that renders histories). */
  private final Supplier<PayloadEncryptionCodec> codec;
  private final JsonMapper json = Json.MAPPER;
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  @Autowired
  HistoryRenderer(ObjectProvider<PayloadEncryptionCodec> codec) {
    this.codec = codec::getObject;
  }

  public HistoryRenderer(PayloadEncryptionCodec codec) {
    this.codec = () -> codec;
  }

  public List<Map<String, Object>> render(List<HistoryEvent> events) {
    List<Map<String, Object>> out = new ArrayList<>(events.size());
    for (HistoryEvent event : events) {
      ObjectNode tree = (ObjectNode) json.readTree(print(event));
      String eventTime = tree.path("eventTime").asString("");
      tree.remove(EVENT_HEADER);
      out.add(Map.of("eventId", event.getEventId(), "eventType", event.getEventType().name(),
          "eventTime", eventTime, "attributes", decode(tree)));
    }
    return out;
  }

  /** Decodes payloads found in an event; PII-named fields are masked at every depth. */
  private JsonNode decode(JsonNode node) {
    return walk(node, true);
  }

  private JsonNode walk(JsonNode node, boolean payloads) {
    if (payloads && node.isObject() && node.path("metadata").has("encoding")) {
      return walk(payload(node), false);
    }
    if (node.isObject()) {
      ObjectNode copy = json.createObjectNode();
      for (var entry : node.properties()) {
        copy.set(entry.getKey(), PiiFields.named(entry.getKey())
            ? json.getNodeFactory().stringNode("***") : walk(entry.getValue(), payloads));
      }
      return copy;
    }
    if (node.isArray()) {
      var array = json.createArrayNode();
      node.forEach(item -> array.add(walk(item, payloads)));
      return array;
    }
    return node;
  }

  private JsonNode payload(JsonNode node) {
    try {
      Payload.Builder builder = Payload.newBuilder();
      JsonFormat.parser().merge(node.toString(), builder);
      Payload decoded = codec.get().decode(List.of(builder.build())).getFirst();
      String encoding = decoded.getMetadataMap().containsKey("encoding")
          ? decoded.getMetadataMap().get("encoding").toStringUtf8() : "";
      if (encoding.equals("binary/null")) {
        return json.nullNode();
      }
      if (encoding.startsWith("json/")) {
        return json.readTree(decoded.getData().toString(StandardCharsets.UTF_8));
      }
      return json.getNodeFactory().stringNode("<" + encoding + ", " + decoded.getData().size() + " bytes>");
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return json.getNodeFactory().stringNode("<undecodable payload>");
    }
  }

  private String print(HistoryEvent event) {
    try {
      return printer.print(event);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("history event could not be printed", e);
    }
  }
}
