package io.airlock.requestside.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/auth")
class AuthController {

  /** The one answer to every refused login or refresh: it must not tell which part was wrong. */
  static final String REFUSED = "Invalid credentials.";

  private final Authenticator authenticator;

  AuthController(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  record LoginForm(
      @NotBlank @Size(max = 200) String username, @NotBlank @Size(max = 1000) String password) {}

  record RefreshForm(@NotBlank @JsonProperty("refresh_token") String refreshToken) {}

  record Tokens(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("refresh_token") String refreshToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {

    static Tokens of(Authenticator.SignedIn signedIn) {
      return new Tokens(
          signedIn.access().token(),
          signedIn.refreshToken(),
          "Bearer",
          signedIn.access().lifetime().toSeconds());
    }
  }

  /** Mapped to problem details by the platform, as every {@code ErrorResponse} is. */
  static class CredentialsRefused extends ErrorResponseException {
    CredentialsRefused() {
      super(
          HttpStatus.UNAUTHORIZED,
          ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, REFUSED),
          null);
    }
  }

  @SecurityRequirements // open to anyone: this is how a caller gets a token
  @PostMapping("/login")
  Tokens login(@Valid @RequestBody LoginForm form) {
    return tokens(authenticator.login(form.username(), form.password()));
  }

  @SecurityRequirements
  @PostMapping("/refresh")
  Tokens refresh(@Valid @RequestBody RefreshForm form) {
    return tokens(authenticator.refresh(form.refreshToken()));
  }

  @PostMapping("/logout")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void logout(@AuthenticationPrincipal Caller caller, @Valid @RequestBody RefreshForm form) {
    authenticator.logout(caller, form.refreshToken());
  }

  private static Tokens tokens(Authenticator.Outcome outcome) {
    if (outcome instanceof Authenticator.SignedIn signedIn) {
      return Tokens.of(signedIn);
    }
    throw new CredentialsRefused();
  }
}
