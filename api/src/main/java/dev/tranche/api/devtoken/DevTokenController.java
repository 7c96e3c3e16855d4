package dev.tranche.api.devtoken;

import dev.tranche.api.security.TokenIssuer;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.common.Roles;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Mints tokens for the README walkthrough. Exists only in the embedded profile. */
@RestController
@Profile("embedded")
@RequestMapping("/api/v1/dev/tokens")
class DevTokenController {

  record TokenRequest(@NotBlank @Size(max = 100) String subject, @NotEmpty @Size(max = 5) List<String> roles) {
  }

  /** A signed token for the embedded run, and how long it lasts. */
  record DevToken(String token, long expiresInSeconds) {
  }

  private final TokenIssuer issuer;

  DevTokenController(TokenIssuer issuer) {
    this.issuer = issuer;
  }

  @Operation(summary = "Embedded run only: a signed token for a subject and roles (the README's calls)")
  @PostMapping
  DevToken mint(@Valid @RequestBody TokenRequest request) {
    for (String role : request.roles()) {
      if (!Roles.ALL.contains(role)) {
        throw ApiProblem.badRequest("unknown role " + role + "; roles are " + Roles.ALL);
      }
    }
    Duration ttl = Duration.ofHours(12);
    return new DevToken(issuer.issue(request.subject(), request.roles(), ttl), ttl.toSeconds());
  }
}
