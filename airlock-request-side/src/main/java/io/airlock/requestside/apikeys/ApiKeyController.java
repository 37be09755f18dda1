package io.airlock.requestside.apikeys;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.users.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

  private final ApiKeys apiKeys;
  private final ApiKeyIssuing issuing;

  ApiKeyController(ApiKeys apiKeys, ApiKeyIssuing issuing) {
    this.apiKeys = apiKeys;
    this.issuing = issuing;
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
      @JsonProperty("key") String key,
      @JsonProperty("encoded") String encoded) {}

  @PostMapping
  ResponseEntity<CreatedKey> create(
      @AuthenticationPrincipal Caller caller, @Valid @RequestBody NewKeyForm form) {
    ApiKeyIssuing.Issued issued = issuing.issue(caller, form.name(), form.scopes());
    ApiKeys.Listed stored = issued.stored();
    return ResponseEntity.created(URI.create("/api-keys/" + stored.id()))
        .body(
            new CreatedKey(
                stored.id(),
                stored.name(),
                stored.prefix(),
                stored.scopes(),
                stored.createdAt(),
                issued.key(),
                // As Elasticsearch clients take a key: Authorization: ApiKey <encoded>.
                Base64.getEncoder()
                    .encodeToString(
                        (stored.id() + ":" + issued.key()).getBytes(StandardCharsets.UTF_8))));
  }

  @GetMapping
  List<ApiKeys.Listed> list(@AuthenticationPrincipal Caller caller) {
    return apiKeys.of(caller.id());
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    if (!issuing.revoke(caller, id)) {
      throw new ApiKeyNotFound(id);
    }
  }
}
