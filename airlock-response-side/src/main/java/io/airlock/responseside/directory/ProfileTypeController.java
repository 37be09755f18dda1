package io.airlock.responseside.directory;

import io.airlock.transfer.records.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

@RestController
@RequestMapping("/admin/profile-types")
class ProfileTypeController {

  static final String NAME = "[a-z0-9][a-z0-9_-]{0,63}";
  // Elasticsearch and OpenSearch index names: lower case, no wildcards, so a profile cannot
  // widen itself to indices nobody listed.
  static final String INDEX = "[a-z0-9][a-z0-9._-]{0,254}";

  private final Directory directory;
  private final DirectoryAdministration administration;

  ProfileTypeController(Directory directory, DirectoryAdministration administration) {
    this.directory = directory;
    this.administration = administration;
  }

  @GetMapping
  List<ProfileTypeView> list() {
    return directory.profileTypes().stream().map(ProfileTypeView::of).toList();
  }

  @GetMapping("/{name}")
  ProfileTypeView get(@PathVariable String name) {
    return ProfileTypeView.of(
        directory.profileType(name).orElseThrow(() -> new ProfileTypeNotFound(name)));
  }

  @PostMapping
  ResponseEntity<ProfileTypeView> create(@Valid @RequestBody NewProfileType body, Principal admin) {
    ProfileType type =
        administration.createProfileType(
            body.name(),
            new Limits(body.perMinute(), body.perHour(), body.perDay()),
            body.maxPriority(),
            body.allowedIndices(),
            body.maxResultSize(),
            admin.getName());
    return ResponseEntity.created(URI.create("/admin/profile-types/" + type.name()))
        .body(ProfileTypeView.of(type));
  }

  @PutMapping("/{name}")
  ProfileTypeView update(
      @PathVariable String name, @Valid @RequestBody ProfileTypeBody body, Principal admin) {
    return ProfileTypeView.of(
        administration.updateProfileType(
            name,
            new Limits(body.perMinute(), body.perHour(), body.perDay()),
            body.maxPriority(),
            body.allowedIndices(),
            body.maxResultSize(),
            admin.getName()));
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record NewProfileType(
      @NotNull @Pattern(regexp = NAME) String name,
      @NotNull @Positive Long perMinute,
      @NotNull @Positive Long perHour,
      @NotNull @Positive Long perDay,
      @NotNull @Min(1) @Max(10) Integer maxPriority,
      @NotNull List<@NotNull @Pattern(regexp = INDEX) String> allowedIndices,
      @NotNull @Min(1) @Max(1000) Integer maxResultSize) {}

  @JsonNaming(SnakeCaseStrategy.class)
  record ProfileTypeBody(
      @NotNull @Positive Long perMinute,
      @NotNull @Positive Long perHour,
      @NotNull @Positive Long perDay,
      @NotNull @Min(1) @Max(10) Integer maxPriority,
      @NotNull List<@NotNull @Pattern(regexp = INDEX) String> allowedIndices,
      @NotNull @Min(1) @Max(1000) Integer maxResultSize) {}

  @JsonNaming(SnakeCaseStrategy.class)
  record ProfileTypeView(
      String name,
      long perMinute,
      long perHour,
      long perDay,
      int maxPriority,
      List<String> allowedIndices,
      int maxResultSize,
      long version,
      Instant createdAt,
      Instant updatedAt) {

    static ProfileTypeView of(ProfileType type) {
      return new ProfileTypeView(
          type.name(),
          type.limits().perMinute(),
          type.limits().perHour(),
          type.limits().perDay(),
          type.maxPriority(),
          type.allowedIndices(),
          type.maxResultSize(),
          type.version(),
          type.createdAt(),
          type.updatedAt());
    }
  }
}
