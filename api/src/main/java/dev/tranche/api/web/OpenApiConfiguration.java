package dev.tranche.api.web;

import dev.tranche.money.Money;
import dev.tranche.partner.PartnerEvent;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's published contract (/v3/api-docs, committed as api/openapi.yaml and compared by ApiContractTest):
 * its security schemes (bearer JWT, the partners' API key, none for webhooks and links, which carry their own
 * proof), every error as an RFC 9457 problem, the real status codes, and the partner webhooks Tranche sends.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String PROBLEM = "application/problem+json";
  private static final String BEARER = "bearer";
  private static final String PARTNER_KEY = "partnerKey";
  /** Operations whose success is 202 Accepted: the work goes on in a workflow. */
  private static final Set<String> ACCEPTED = Set.of("POST /api/v1/applications",
      "POST /api/v1/borrower-links/{token}/submit", "POST /api/v1/collections/sweeps");
  /** Operations that answer 201 when they create and 200 when the same request was already served. */
  private static final Set<String> CREATED_OR_REPLAYED = Set.of("POST /api/v1/partners/{partnerId}/financing-offers");

  static {
    // Money as the API writes it (ApiJson), not as the record's fields would suggest.
    SpringDocUtils.getConfig().replaceWithSchema(Money.class, new ObjectSchema()
        .description("An amount of one currency, at the currency's scale")
        .addProperty("amount", new StringSchema().pattern("^-?[0-9]+(\\.[0-9]+)?$").example("11520.00"))
        .addProperty("currency", new StringSchema().description("ISO 4217").example("USD"))
        .required(List.of("amount", "currency")));
  }

  @Bean
  OpenAPI trancheOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Tranche API").version("1").description("""
            Workflow-orchestrated lending: applications and their decisions, offers and e-signature, \
            manual reviews, loans and their servicing, collections, collateral, portfolio figures and \
            ops reads. Every error is an RFC 9457 problem (application/problem+json). Money is an object \
            of amount and currency. POSTs that create accept an Idempotency-Key header."""))
        .servers(List.of(new Server().url("/").description("this deployment")))
        .components(new Components()
            .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("""
                    An access token from the identity provider (OpenID Connect): issuer and audience \
                    tranche-api checked, an expiry required, roles as an array claim. Embedded run: \
                    POST /api/v1/dev/tokens."""))
            .addSecuritySchemes(PARTNER_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Api-Key").description("A CRM partner's API key (rotatable)."))
            .addSchemas("Problem", problemSchema()))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema().description("RFC 9457 problem details")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new Schema<Integer>().type("integer").format("int32"))
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri"));
  }

  @Bean
  OpenApiCustomizer problemsSecurityAndStatuses() {
    return openApi -> {
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
        String key = method.name() + " " + path;
        operation.setOperationId(operationId(method, path));
        security(path, operation);
        statuses(key, operation);
        problems(path, method, operation);
      }));
      webhooks(openApi);
      // What ApiJson leaves out of a review ticket is not in its schema either.
      Schema<?> ticket = openApi.getComponents().getSchemas().get("ReviewTicket");
      if (ticket != null && ticket.getProperties() != null) {
        ApiJson.TICKET_BOOKKEEPING.forEach(ticket.getProperties()::remove);
      }
    };
  }

  /** A stable id from the method and the path (getApplicationsId, postApplicationsIdAcceptance), not scan order. */
  static String operationId(PathItem.HttpMethod method, String path) {
    StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
    for (String part : path.replaceFirst("^/api/v1/", "").split("[/{}-]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }

  private static void security(String path, Operation operation) {
    if (path.startsWith("/api/v1/partners/")) {
      operation.setSecurity(List.of(new SecurityRequirement().addList(PARTNER_KEY)));
    } else if (path.startsWith("/api/v1/webhooks/") || path.startsWith("/api/v1/borrower-links/")
        || path.equals("/api/v1/dev/tokens")) {
      operation.setSecurity(List.of());
    }
  }

  private static void statuses(String key, Operation operation) {
    ApiResponses responses = operation.getResponses();
    if (ACCEPTED.contains(key) && responses.containsKey("200")) {
      ApiResponse ok = responses.remove("200");
      responses.addApiResponse("202", ok.description("Accepted: the workflow carries on; follow the Location"));
      if (key.equals("POST /api/v1/collections/sweeps")) {
        responses.addApiResponse("200", new ApiResponse().description("This date's sweep already ran: its report")
            .content(ok.getContent()));
      }
    }
    if (CREATED_OR_REPLAYED.contains(key) && responses.containsKey("200")) {
      ApiResponse ok = responses.get("200");
      responses.addApiResponse("201", new ApiResponse().description("Created").content(ok.getContent()));
      ok.description("The same request (same Idempotency-Key or job) was already served: its answer");
    }
  }

  private static void problems(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("400", "Invalid request: the body, a parameter or a header is not acceptable (nothing was written)");
    if (operation.getSecurity() == null || !operation.getSecurity().isEmpty()) {
      errors.put("401", "Not authenticated");
      errors.put("403", "Authenticated, but the role does not allow this");
    } else if (path.startsWith("/api/v1/webhooks/")) {
      errors.put("401", "The signature did not verify (or its timestamp is stale)");
    }
    if (path.contains("{")) {
      errors.put("404", "No such resource (or not the caller's)");
    }
    if (method != PathItem.HttpMethod.GET) {
      errors.put("409", "Conflicts with the resource's state (for example an offer already accepted)");
    }
    errors.put("429", "Too many requests: wait for Retry-After seconds");
    errors.put("500", "Unexpected: the problem carries an incident id that is in the log");
    errors.put("503", "A dependency (PostgreSQL, Redis, Temporal) is down: retry after Retry-After seconds");
    Content problem = new Content().addMediaType(PROBLEM,
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
    errors.forEach((status, description) -> {
      if (!responses.containsKey(status)) {
        responses.addApiResponse(status, new ApiResponse().description(description).content(problem));
      }
    });
  }

  /** What Tranche sends to a partner's webhook URL, signed with the partner's webhook secret. */
  private static void webhooks(OpenAPI openApi) {
    Schema<?> event = new ObjectSchema()
        .addProperty("id", new StringSchema().description("The event id, stable across redeliveries"))
        .addProperty("type", new StringSchema()._enum(List.of(PartnerEvent.SUBMITTED, PartnerEvent.APPROVED,
            PartnerEvent.DECLINED, PartnerEvent.DISBURSED)))
        .addProperty("createdAt", new StringSchema().format("date-time"))
        .addProperty("data", new ObjectSchema().description("applicationId, jobId, status, and per type: the "
            + "approved amount, the decline reasons or the loan id").additionalProperties(new StringSchema()));
    openApi.getComponents().addSchemas("PartnerEvent", event);
    for (String type : List.of(PartnerEvent.SUBMITTED, PartnerEvent.APPROVED, PartnerEvent.DECLINED,
        PartnerEvent.DISBURSED)) {
      Operation delivery = new Operation().summary("Tranche tells the partner: " + type)
          .description("""
              POSTed to the partner's webhook URL, retried with backoff until a 2xx. Headers: X-Tranche-Event-Id \
              (de-duplicate on it), X-Tranche-Timestamp (Unix seconds) and X-Tranche-Signature: \
              v1=hex(HMAC-SHA256(webhook secret, timestamp + "." + body)); refuse a timestamp more than \
              5 minutes away.""")
          .addParametersItem(new HeaderParameter().name("X-Tranche-Event-Id").required(true)
              .schema(new StringSchema()))
          .addParametersItem(new HeaderParameter().name("X-Tranche-Timestamp").required(true)
              .schema(new StringSchema()))
          .addParametersItem(new HeaderParameter().name("X-Tranche-Signature").required(true)
              .schema(new StringSchema()))
          .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
              new MediaType().schema(new Schema<>().$ref("#/components/schemas/PartnerEvent")))))
          .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("Received")));
      openApi.addWebhooks(type, new PathItem().post(delivery));
    }
  }
}
