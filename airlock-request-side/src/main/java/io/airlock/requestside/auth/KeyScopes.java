package io.airlock.requestside.auth;

import io.airlock.requestside.apikeys.ApiKeyScope;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request to a signed-in caller whose API key, if that is how they came, has the scope.
 */
final class KeyScopes {

  private KeyScopes() {}

  static AuthorizationManager<RequestAuthorizationContext> allow(ApiKeyScope scope) {
    return new AuthorizationManager<>() {
      @Override
      public AuthorizationResult authorize(
          Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(
            authentication.get() instanceof CallerAuthentication caller && caller.allows(scope));
      }
    };
  }
}
