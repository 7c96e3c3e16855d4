package dev.tranche.api.ops;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.pii.PiiFields;
import dev.tranche.activities.support.Json;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.temporal.PayloadEncryptionCodec;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so ops can read Tranche's encrypted payloads in the Temporal Web UI:
 * the UI posts {@code {"payloads":[…]}} (protobuf JSON) to {@code …/decode} with the signed-in user's
 * token, and gets them back decrypted. OPS and ADMIN only; PII-named fields stay masked, as on the
 * console; every call is audited. There is no {@code /encode}: the UI only reads.
 */
@RestController
@RequestMapping("/api/v1/codec")
class CodecController {

  private static final String JSON_PLAIN = "json/plain";
  private final PayloadEncryptionCodec codec;
  private final AuditLog audit;

  CodecController(PayloadEncryptionCodec codec, AuditLog audit) {
    this.codec = codec;
    this.audit = audit;
  }

  @Operation(summary = "Temporal's remote codec: decrypts payloads for the Temporal Web UI, PII masked, audited"
      + " (OPS, ADMIN)")
  @PostMapping(path = "/decode", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  String decode(@RequestBody String body, @RequestHeader(name = "X-Namespace", required = false) String namespace,
      Authentication auth) throws InvalidProtocolBufferException {
    Payloads.Builder given = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body, given);
    } catch (InvalidProtocolBufferException e) {
      throw ApiProblem.badRequest("expected {\"payloads\": [...]} in Temporal's protobuf JSON");
    }
    List<Payload> decoded;
    try {
      decoded = codec.decode(given.getPayloadsList());
    } catch (RuntimeException e) {
      throw ApiProblem.badRequest("a payload could not be decrypted with this deployment's keys");
    }
    audit.record(auth.getName(), "PAYLOADS_DECODED", "namespace", namespace == null ? "" : namespace,
        Map.of("payloads", decoded.size()));
    Payloads.Builder answer = Payloads.newBuilder();
    decoded.forEach(p -> answer.addPayloads(masked(p)));
    return JsonFormat.printer().print(answer);
  }

  private static Payload masked(Payload payload) {
    ByteString encoding = payload.getMetadataOrDefault("encoding", ByteString.EMPTY);
    if (!JSON_PLAIN.equals(encoding.toStringUtf8())) {
      return payload;
    }
    String json = payload.getData().toStringUtf8();
    String shown = Json.MAPPER.writeValueAsString(PiiFields.masked(Json.MAPPER.readTree(json)));
    return payload.toBuilder().setData(ByteString.copyFrom(shown, StandardCharsets.UTF_8)).build();
  }
}
