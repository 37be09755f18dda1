package io.airlock.responseside.security;

import io.airlock.responseside.security.ApiKeys.ApiKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

@RestController
@RequestMapping("/admin/api-keys")
class ApiKeyController {

  private final ApiKeyIssuer issuer;
  private final ApiKeys keys;

  ApiKeyController(ApiKeyIssuer issuer, ApiKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  @GetMapping
  List<ApiKeyView> list() {
    return keys.all().stream().map(key -> ApiKeyView.of(key, null)).toList();
  }

  @PostMapping
  ResponseEntity<ApiKeyView> create(@Valid @RequestBody NewApiKey body, Principal admin) {
    ApiKeyIssuer.Issued issued = issuer.issue(body.name(), body.userId(), admin.getName());
    return ResponseEntity.created(URI.create("/admin/api-keys/" + issued.apiKey().id()))
        .body(ApiKeyView.of(issued.apiKey(), issued.key()));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable UUID id, Principal admin) {
    issuer.revoke(id, admin.getName());
  }

  @ExceptionHandler
  ProblemDetail notFound(ApiKeyNotFound ex) {
    return problem(HttpStatus.NOT_FOUND, "API key not found", ex);
  }

  @ExceptionHandler
  ProblemDetail ownerUnknown(ApiKeyOwnerUnknown ex) {
    ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown user", ex);
    problem.setProperty("field", "user_id");
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
    problem.setTitle(title);
    return problem;
  }

  /** A key to make; for the calling admin unless {@code user_id} names another user. */
  @JsonNaming(SnakeCaseStrategy.class)
  record NewApiKey(@NotBlank @Size(max = 100) String name, UUID userId) {}

  /** {@code key} is set only in the answer to its creation, and never again. */
  @JsonNaming(SnakeCaseStrategy.class)
  record ApiKeyView(
      UUID id,
      UUID userId,
      String name,
      String prefix,
      String key,
      Instant createdAt,
      Instant lastUsedAt,
      Instant revokedAt) {

    static ApiKeyView of(ApiKey key, String secret) {
      return new ApiKeyView(
          key.id(),
          key.userId(),
          key.name(),
          key.prefix(),
          secret,
          key.createdAt(),
          key.lastUsedAt(),
          key.revokedAt());
    }
  }
}
