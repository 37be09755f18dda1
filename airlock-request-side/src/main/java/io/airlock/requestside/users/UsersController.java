package io.airlock.requestside.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/users/me")
class UsersController {

  private final Users users;
  private final AccountSelfService selfService;

  UsersController(Users users, AccountSelfService selfService) {
    this.users = users;
    this.selfService = selfService;
  }

  record Me(
      UUID id,
      String username,
      String email,
      @JsonProperty("display_name") String displayName,
      String role,
      @JsonProperty("profile_type") String profileType,
      @JsonProperty("last_login_at") Instant lastLoginAt,
      @JsonProperty("pending_changes") List<PendingChange> pendingChanges) {

    static Me of(User user, List<AccountChanges.Pending> pending) {
      return new Me(
          user.id(),
          user.username(),
          user.email(),
          user.displayName(),
          user.role(),
          user.profileType(),
          user.lastLoginAt(),
          pending.stream().map(PendingChange::of).toList());
    }
  }

  /** One of the user's own changes, applied here, that the directory has not echoed yet. */
  record PendingChange(
      UUID id,
      String kind,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("exported_at") Instant exportedAt) {

    static PendingChange of(AccountChanges.Pending pending) {
      return new PendingChange(
          pending.id(), pending.kind(), pending.createdAt(), pending.exportedAt());
    }
  }

  record ProfileForm(
      @JsonProperty("display_name") @NotBlank @Size(max = 200) String displayName,
      @NotBlank @Email @Size(max = 254) String email) {}

  record PasswordForm(
      @JsonProperty("current_password") @NotNull String currentPassword,
      @JsonProperty("new_password") @NotNull String newPassword) {}

  static class CurrentPasswordWrong extends ErrorResponseException {
    CurrentPasswordWrong() {
      super(
          HttpStatus.FORBIDDEN,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.FORBIDDEN, "The current password is not correct."),
          null);
    }
  }

  static class WeakPassword extends ErrorResponseException {
    WeakPassword(String field, String reason) {
      super(HttpStatus.UNPROCESSABLE_CONTENT, problem(field, reason), null);
    }

    private static ProblemDetail problem(String field, String reason) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.UNPROCESSABLE_CONTENT, "The new password " + reason + ".");
      problem.setProperty("errors", List.of(Map.of("field", field, "message", reason)));
      return problem;
    }
  }

  @GetMapping
  Me me(@AuthenticationPrincipal Caller caller) {
    return Me.of(users.byId(caller.id()).orElseThrow(), selfService.pending(caller));
  }

  @PutMapping
  Me update(@AuthenticationPrincipal Caller caller, @Valid @RequestBody ProfileForm form) {
    return Me.of(
        selfService.changeProfile(caller, form.displayName().strip(), form.email()),
        selfService.pending(caller));
  }

  @PostMapping("/change-password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void changePassword(
      @AuthenticationPrincipal Caller caller, @Valid @RequestBody PasswordForm form) {
    selfService.changePassword(caller, form.currentPassword(), form.newPassword());
  }
}
