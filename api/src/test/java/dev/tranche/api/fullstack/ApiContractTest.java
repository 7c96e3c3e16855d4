package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The API's contract is committed (api/openapi.yaml): the document the running API publishes must equal it,
 * so an unintended change to a path, a body, a status or a security scheme fails the build. After an
 * intended change, run this test with -Dtranche.updateOpenApi=true and review the diff of api/openapi.yaml.
 */
class ApiContractTest extends FullStackTest {

  private static final Path COMMITTED = Path.of("openapi.yaml");

  @Test
  void the_published_document_is_the_committed_contract() throws Exception {
    var published = http.get("/v3/api-docs.yaml", null);
    assertThat(published.status()).isEqualTo(200);
    String document = published.text().strip() + "\n";
    if (Boolean.getBoolean("tranche.updateOpenApi")) {
      Files.writeString(COMMITTED, document);
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/openapi.yaml"), document);
    assertThat(document).as("api/openapi.yaml differs from the published document (target/openapi.yaml): if the"
        + " change is intended, run ApiContractTest with -Dtranche.updateOpenApi=true and commit the diff")
        .isEqualTo(Files.readString(COMMITTED));
  }

  @Test
  void every_operation_is_described_secured_and_answers_errors_as_problems() {
    JsonNode document = http.get("/v3/api-docs", null).json();
    assertThat(document.path("components").path("securitySchemes").has("bearer")).isTrue();
    assertThat(document.path("components").path("securitySchemes").path("partnerKey").path("name").asString())
        .isEqualTo("X-Api-Key");
    List<String> undescribed = new ArrayList<>();
    List<String> untyped = new ArrayList<>();
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      String name = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
      JsonNode operation = op.getValue();
      if (operation.path("summary").asString("").isBlank()) {
        undescribed.add(name);
      }
      assertThat(operation.path("responses").path("500").path("content").has("application/problem+json"))
          .as(name + " answers a 500 as a problem").isTrue();
      assertThat(operation.path("responses").path("400").path("content").has("application/problem+json"))
          .as(name + " answers a 400 as a problem").isTrue();
      operation.path("responses").properties().forEach(response -> {
        if (response.getKey().startsWith("2")) {
          response.getValue().path("content").properties().forEach(media -> {
            JsonNode schema = media.getValue().path("schema");
            if (!schema.has("$ref") && !schema.path("items").has("$ref")
                && !path.getKey().startsWith("/api/v1/webhooks/twilio") && !path.getKey().equals("/api/v1/codec/decode")) {
              untyped.add(name + " " + response.getKey());
            }
          });
        }
      });
    }));
    assertThat(undescribed).as("operations without a summary").isEmpty();
    assertThat(untyped).as("success bodies without a schema").isEmpty();
    JsonNode paths = document.path("paths");
    assertThat(paths.path("/api/v1/applications").path("post").path("responses").has("202")).isTrue();
    assertThat(paths.path("/api/v1/applications").path("post").path("responses").has("200")).isFalse();
    assertThat(paths.path("/api/v1/partners/{partnerId}/financing-offers").path("post").path("security").toString())
        .contains("partnerKey");
    assertThat(paths.path("/api/v1/webhooks/payments").path("post").path("security").size()).isZero();
    assertThat(document.path("webhooks").has("credit.application.approved")).isTrue();
  }
}
