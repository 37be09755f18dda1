package io.airlock.responseside.directory;

import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.directory.DirectoryAdministration.NewUser;
import io.airlock.transfer.records.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

@RestController
@RequestMapping("/admin/users")
class UserController {

  static final int MAX_PAGE_SIZE = 200;

  // BCrypt reads only the first 72 bytes; the encoder refuses longer passwords outright.
  static final int BCRYPT_MAX_BYTES = 72;

  private final Directory directory;
  private final DirectoryAdministration administration;

  UserController(Directory directory, DirectoryAdministration administration) {
    this.directory = directory;
    this.administration = administration;
  }

  @GetMapping
  UserPage list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    Directory.Page<User> users =
        directory.users(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE_SIZE));
    return new UserPage(
        users.items().stream().map(UserView::of).toList(),
        users.page(),
        users.size(),
        users.total());
  }

  @PostMapping
  ResponseEntity<UserView> create(@Valid @RequestBody CreateUser body, Principal admin) {
    if (body.password().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
      throw new InvalidField("password", "must be at most " + BCRYPT_MAX_BYTES + " bytes in UTF-8");
    }
    User user =
        administration.createUser(
            new NewUser(
                body.username(),
                body.email(),
                body.displayName(),
                body.role(),
                body.profileType(),
                body.password(),
                Boolean.TRUE.equals(body.highSideOnly())),
            admin.getName());
    return ResponseEntity.created(URI.create("/admin/users/" + user.id())).body(UserView.of(user));
  }

  @GetMapping("/{id}")
  UserView get(@PathVariable UUID id) {
    return UserView.of(directory.user(id).orElseThrow(() -> new UserNotFound(id)));
  }

  @PutMapping("/{id}")
  UserView update(@PathVariable UUID id, @Valid @RequestBody UpdateUser body, Principal admin) {
    return UserView.of(
        administration.updateUser(
            id,
            body.email(),
            body.displayName(),
            body.role(),
            body.profileType(),
            admin.getName()));
  }

  @PutMapping("/{id}/limits")
  UserView limits(@PathVariable UUID id, @Valid @RequestBody LimitsBody body, Principal admin) {
    return UserView.of(
        administration.setLimits(
            id, new Limits(body.perMinute(), body.perHour(), body.perDay()), admin.getName()));
  }

  @PostMapping("/{id}/deactivate")
  UserView deactivate(@PathVariable UUID id, Principal admin) {
    return UserView.of(administration.setActive(id, false, admin.getName()));
  }

  @PostMapping("/{id}/activate")
  UserView activate(@PathVariable UUID id, Principal admin) {
    return UserView.of(administration.setActive(id, true, admin.getName()));
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record CreateUser(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{3,64}") String username,
      @Email @Size(max = 254) String email,
      @Size(max = 200) String displayName,
      @NotNull @Pattern(regexp = "user|admin") String role,
      @NotBlank String profileType,
      @NotNull @Size(min = 8, max = BCRYPT_MAX_BYTES) String password,
      // An account of this side only: never exported, the only kind that may sign in here.
      Boolean highSideOnly) {}

  @JsonNaming(SnakeCaseStrategy.class)
  record UpdateUser(
      @Email @Size(max = 254) String email,
      @Size(max = 200) String displayName,
      @NotNull @Pattern(regexp = "user|admin") String role,
      @NotBlank String profileType) {}

  @JsonNaming(SnakeCaseStrategy.class)
  record LimitsBody(@Positive Long perMinute, @Positive Long perHour, @Positive Long perDay) {}

  @JsonNaming(SnakeCaseStrategy.class)
  record UserView(
      UUID id,
      String username,
      String email,
      String displayName,
      String role,
      String profileType,
      boolean active,
      boolean highSideOnly,
      long version,
      LimitsBody limits,
      Instant createdAt,
      Instant updatedAt) {

    static UserView of(User user) {
      Limits limits = user.limits();
      return new UserView(
          user.id(),
          user.username(),
          user.email(),
          user.displayName(),
          user.role(),
          user.profileType(),
          user.active(),
          user.highSideOnly(),
          user.version(),
          new LimitsBody(limits.perMinute(), limits.perHour(), limits.perDay()),
          user.createdAt(),
          user.updatedAt());
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record UserPage(List<UserView> items, int page, int size, long total) {}
}
