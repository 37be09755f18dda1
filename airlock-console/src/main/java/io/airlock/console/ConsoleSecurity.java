package io.airlock.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security of the console's pages, the same on both sides: form sign-in with a session in
 * PostgreSQL (the cookie HttpOnly, {@code SameSite=Strict}, {@code Secure} behind TLS), CSRF tokens
 * on every form and htmx call, an idle timeout (Spring Session's) and an absolute one, a strict CSP
 * without any inline script or style, and {@code /console/admin/**} for admins only. It matches the
 * console's paths only: the REST API keeps its own stateless chain, where a session cookie
 * authenticates nothing.
 */
public final class ConsoleSecurity {

  /** The paths this chain guards; every other path is the REST API's. */
  public static final String[] PATHS = {"/", "/console", "/console/**", "/webjars/**"};

  /** Only this side's own files: no inline script or style, nothing from elsewhere. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  static final String SIGN_IN = "/console/login";
  static final String SIGNED_IN_AT = ConsoleSecurity.class.getName() + ".signedInAt";

  private ConsoleSecurity() {}

  /**
   * The console's filter chain.
   *
   * @param signIn checks a username and password, with the side's throttle and audit, and throws
   *     {@link SignInThrottled} when the throttle refuses
   * @param current the session's user as the directory has them now (their role may have changed),
   *     or empty if they may no longer sign in: the session then ends on its next request
   * @param limits the side's rate limits, applied once the caller is known, as for its API; null on
   *     a side without any
   */
  public static SecurityFilterChain chain(
      HttpSecurity http,
      AuthenticationProvider signIn,
      Function<Authentication, Optional<Authentication>> current,
      Filter limits,
      ConsoleProperties properties,
      Clock clock)
      throws Exception {
    SavedRequestAwareAuthenticationSuccessHandler toPage =
        new SavedRequestAwareAuthenticationSuccessHandler();
    toPage.setDefaultTargetUrl("/console");
    if (limits != null) {
      http.addFilterBefore(limits, AuthorizationFilter.class);
    }
    return http.securityMatcher(PATHS)
        // This provider only: no parent manager asking it again, so a refusal is audited once.
        .authenticationManager(new ProviderManager(signIn))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frames -> frames.deny())
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .httpStrictTransportSecurity(
                        hsts -> hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds())))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(SIGN_IN, "/console/assets/**", "/webjars/**")
                    .permitAll()
                    .requestMatchers("/console/admin/**")
                    .hasRole("ADMIN")
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage(SIGN_IN)
                    .loginProcessingUrl(SIGN_IN)
                    .successHandler(
                        (request, response, authentication) -> {
                          request
                              .getSession()
                              .setAttribute(SIGNED_IN_AT, clock.instant().toEpochMilli());
                          toPage.onAuthenticationSuccess(request, response, authentication);
                        })
                    .failureHandler(
                        (request, response, refused) ->
                            response.sendRedirect(
                                SIGN_IN
                                    + (refused instanceof SignInThrottled
                                        ? "?throttled"
                                        : "?error")))
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/console/logout")
                    .logoutSuccessUrl(SIGN_IN + "?signed-out")
                    .deleteCookies(ConsoleAutoConfiguration.SESSION_COOKIE))
        .exceptionHandling(
            exceptions ->
                exceptions.accessDeniedHandler(
                    (request, response, denied) ->
                        // A page the caller may not see does not exist, as far as they can tell; a
                        // form without its CSRF token is refused as such.
                        response.sendError(
                            denied instanceof CsrfException
                                ? HttpStatus.FORBIDDEN.value()
                                : HttpStatus.NOT_FOUND.value())))
        .addFilterBefore(
            new SessionLimits(current, properties.absoluteTimeout(), clock),
            AnonymousAuthenticationFilter.class)
        .build();
  }

  /**
   * Ends a session past its absolute timeout, or whose user the directory deactivated, and keeps
   * the user's role current: the next request then finds nobody signed in and goes to sign-in.
   */
  private static final class SessionLimits extends OncePerRequestFilter {

    private final Function<Authentication, Optional<Authentication>> current;
    private final Duration absoluteTimeout;
    private final Clock clock;

    SessionLimits(
        Function<Authentication, Optional<Authentication>> current,
        Duration absoluteTimeout,
        Clock clock) {
      this.current = current;
      this.absoluteTimeout = absoluteTimeout;
      this.clock = clock;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      HttpSession session = request.getSession(false);
      if (authentication != null
          && !(authentication instanceof AnonymousAuthenticationToken)
          && session != null) {
        Object signedInAt = session.getAttribute(SIGNED_IN_AT);
        boolean expired =
            !(signedInAt instanceof Long millis)
                || Instant.ofEpochMilli(millis).plus(absoluteTimeout).isBefore(clock.instant());
        Optional<Authentication> now = expired ? Optional.empty() : current.apply(authentication);
        if (now.isEmpty()) {
          session.invalidate();
          SecurityContextHolder.clearContext();
        } else {
          SecurityContext fresh = SecurityContextHolder.createEmptyContext();
          fresh.setAuthentication(now.get());
          SecurityContextHolder.setContext(fresh);
        }
      }
      chain.doFilter(request, response);
    }
  }
}
