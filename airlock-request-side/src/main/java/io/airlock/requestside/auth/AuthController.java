package io.airlock.requestside.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.ratelimit.LoginThrottle;
import io.airlock.requestside.ratelimit.MinuteLimits;
import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
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
  private final LoginThrottle throttle;
  private final Clock clock;

  AuthController(Authenticator authenticator, LoginThrottle throttle, Clock clock) {
    this.authenticator = authenticator;
    this.throttle = throttle;
    this.clock = clock;
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

  /** Too many sign-in attempts for the username or from the address: 429 until the minute ends. */
  static class TooManyAttempts extends ErrorResponseException {
    TooManyAttempts(MinuteLimits.Taken taken, Clock clock) {
      super(
          HttpStatus.TOO_MANY_REQUESTS,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.TOO_MANY_REQUESTS,
              "Too many sign-in attempts; try again in " + taken.secondsToReset(clock) + " s."),
          null);
      taken.addTo(getHeaders(), clock);
    }
  }

  @SecurityRequirements // open to anyone: this is how a caller gets a token
  @PostMapping("/login")
  Tokens login(@Valid @RequestBody LoginForm form, HttpServletRequest request) {
    // Before the password is hashed: guessing must not cost this side its processors.
    throttle
        .refuses(form.username(), request.getRemoteAddr())
        .ifPresent(
            refused -> {
              throw new TooManyAttempts(refused, clock);
            });
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
