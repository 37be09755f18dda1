package io.airlock.requestside.apikeys;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.users.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api-keys")
class ApiKeyController {

  /** Keys look like {@code alk_<8 hex prefix>_<43 base64url chars>}: 256 random bits. */
  static final String KEY_PREFIX = "alk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeys apiKeys;
  private final AuditLog audit;
  private final Clock clock;

  ApiKeyController(ApiKeys apiKeys, AuditLog audit, Clock clock) {
    this.apiKeys = apiKeys;
    this.audit = audit;
    this.clock = clock;
  }

  record NewKeyForm(
      @NotBlank @Size(max = 100) String name,
      @NotNull @Size(max = 20)
          List<@NotNull @Pattern(regexp = "[a-z][a-z0-9_.:-]{0,63}") String> scopes) {}

  record CreatedKey(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("key") String key) {}

  record KeyView(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("last_used_at") Instant lastUsedAt,
      @JsonProperty("revoked_at") Instant revokedAt) {

    static KeyView of(ApiKeys.Listed key) {
      return new KeyView(
          key.id(),
          key.name(),
          key.prefix(),
          key.scopes(),
          key.createdAt(),
          key.lastUsedAt(),
          key.revokedAt());
    }
  }

  static class ApiKeyNotFound extends ErrorResponseException {
    ApiKeyNotFound(UUID id) {
      super(
          HttpStatus.NOT_FOUND,
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No API key " + id + "."),
          null);
    }
  }

  @PostMapping
  ResponseEntity<CreatedKey> create(
      @AuthenticationPrincipal Caller caller, @Valid @RequestBody NewKeyForm form) {
    UUID id = UUID.randomUUID();
    byte[] prefixBytes = new byte[4];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(prefixBytes);
    RANDOM.nextBytes(secret);
    String prefix = HexFormat.of().formatHex(prefixBytes);
    String key =
        KEY_PREFIX + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    List<String> scopes = form.scopes().stream().distinct().toList();
    for (String scope : scopes) {
      if (ApiKeyScope.fromWireName(scope).isEmpty()) {
        throw new InvalidField(
            "scopes",
            "unknown scope '"
                + scope
                + "'; known: "
                + Arrays.stream(ApiKeyScope.values()).map(ApiKeyScope::wireName).toList());
      }
    }
    apiKeys.add(id, caller.id(), form.name(), prefix, key, scopes);
    audit.record(
        caller.username(), "api-key.create", "api-key:" + id, AuditLog.Outcome.SUCCESS, null);
    ApiKeys.Listed stored = apiKeys.byId(caller.id(), id).orElseThrow();
    return ResponseEntity.created(URI.create("/api-keys/" + id))
        .body(new CreatedKey(id, form.name(), prefix, scopes, stored.createdAt(), key));
  }

  @GetMapping
  List<KeyView> list(@AuthenticationPrincipal Caller caller) {
    return apiKeys.of(caller.id()).stream().map(KeyView::of).toList();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    if (!apiKeys.revoke(caller.id(), id, clock.instant())) {
      throw new ApiKeyNotFound(id);
    }
    audit.record(
        caller.username(), "api-key.revoke", "api-key:" + id, AuditLog.Outcome.SUCCESS, null);
  }
}
