package io.airlock.requestside.auth;

import io.airlock.console.ConsoleNavigation;
import io.airlock.console.ConsoleProperties;
import io.airlock.console.ConsoleSecurity;
import io.airlock.platform.metrics.ScrapeCredentialFilter;
import io.airlock.platform.metrics.ScrapeCredentials;
import io.airlock.platform.web.ProblemWriter;
import io.airlock.requestside.apikeys.ApiKeyScope;
import io.airlock.requestside.apikeys.ApiKeys;
import io.airlock.requestside.ratelimit.ApiLimitFilter;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The REST API's security (the console's pages have their own chain, {@link ConsoleSecurity}).
 * Everything needs an authenticated caller except logging in, health, info and the API docs; {@code
 * /admin/**} and the detailed health need an admin, the metrics an admin or the scraper's
 * credential ({@link ScrapeCredentials}). Stateless: no session, so no CSRF token to protect. Every
 * response carries the hardening headers (CSP, no framing, no sniffing, no referrer, no powerful
 * features, HSTS when the request came over TLS), and browsers may call only from the configured
 * origins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, CorsProperties.class})
class SecurityConfiguration {

  @Bean
  AccessTokenKeys accessTokenKeys(AuthProperties properties) {
    return AccessTokenKeys.from(properties.jwt());
  }

  @Bean
  JwtDecoder jwtDecoder(AccessTokenKeys keys) {
    return keys.decoder();
  }

  @Bean
  SecurityProblems problemAnswers(
      ProblemWriter problemWriter,
      ObjectProvider<List<HandlerMapping>> handlerMappings,
      ApiLimitFilter apiLimits,
      Clock clock) {
    return new SecurityProblems(problemWriter, handlerMappings, apiLimits, clock);
  }

  /** What a browser may do with this side's pages and answers: only what comes from here. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self';"
          + " frame-ancestors 'none'";

  static final String PERMISSIONS_POLICY =
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

  @Bean
  CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
    cors.setAllowedHeaders(
        List.of("Authorization", "Content-Type", "X-API-Key", "X-Request-ID", "If-None-Match"));
    cors.setExposedHeaders(
        List.of(
            "X-Request-ID",
            "Location",
            "ETag",
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "X-Quota-Limit",
            "X-Quota-Remaining",
            "X-Quota-Reset",
            "X-Quota-Warning",
            "X-Quota-Grace"));
    cors.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }

  /** The console's menu on this side. */
  @Bean
  ConsoleNavigation consoleNavigation() {
    return new ConsoleNavigation(
        "request.side",
        List.of(
            new ConsoleNavigation.Item("request.nav.ask", "/console/ask", false),
            new ConsoleNavigation.Item("request.nav.requests", "/console/requests", false),
            new ConsoleNavigation.Item("request.nav.quota", "/console/quota", false),
            new ConsoleNavigation.Item("request.nav.keys", "/console/api-keys", false),
            new ConsoleNavigation.Item("request.nav.account", "/console/account", false),
            new ConsoleNavigation.Item("request.nav.dashboard", "/console/admin", true),
            new ConsoleNavigation.Item("request.nav.all-requests", "/console/admin/requests", true),
            new ConsoleNavigation.Item("request.nav.users", "/console/admin/users", true),
            new ConsoleNavigation.Item("transfer.nav", "/console/admin/batches", true),
            new ConsoleNavigation.Item("request.nav.audit", "/console/admin/audit", true),
            new ConsoleNavigation.Item(
                "request.nav.notifications", "/console/admin/notifications", true),
            new ConsoleNavigation.Item("request.nav.settings", "/console/admin/settings", true)));
  }

  /** The console's pages: browser sessions, apart from the API (see {@link ConsoleSecurity}). */
  @Bean
  @Order(1)
  SecurityFilterChain consoleFilterChain(
      HttpSecurity http,
      ConsoleSignIn signIn,
      ApiLimitFilter limits,
      ConsoleProperties properties,
      Clock clock)
      throws Exception {
    return ConsoleSecurity.chain(http, signIn, signIn::current, limits, properties, clock);
  }

  /** An admin: the role, and with an API key its admin scope. */
  private static final AuthorizationManager<RequestAuthorizationContext> ADMIN =
      AuthorizationManagers.allOf(
          AuthorityAuthorizationManager.hasRole("ADMIN"), KeyScopes.allow(ApiKeyScope.ADMIN));

  private static final AuthorizationManager<RequestAuthorizationContext> SCRAPER =
      AuthorityAuthorizationManager.hasRole(ScrapeCredentials.ROLE);

  /**
   * The scraper's bearer token is not a JWT: once {@link ScrapeCredentialFilter} has recognised it,
   * the resource server must not try to decode it.
   */
  private static BearerTokenResolver notWhenAuthenticated(BearerTokenResolver resolver) {
    return request ->
        SecurityContextHolder.getContext().getAuthentication() == null
            ? resolver.resolve(request)
            : null;
  }

  @Bean
  @Order(2)
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      SecurityProblems problems,
      ActiveCallers callers,
      ApiKeys apiKeys,
      ApiLimitFilter apiLimits,
      ScrapeCredentials scrapeCredentials,
      Clock clock)
      throws Exception {
    return http.csrf(csrf -> csrf.disable())
        .cors(Customizer.withDefaults())
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frames -> frames.deny())
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                    .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                    .httpStrictTransportSecurity(
                        hsts -> hsts.maxAgeInSeconds(Duration.ofDays(365).toSeconds())))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // A console session's cookie authenticates nothing here.
        .securityContext(
            context ->
                context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .authorizeHttpRequests(
            requests ->
                requests
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(
                        "/auth/login",
                        "/auth/refresh",
                        "/actuator/health",
                        "/actuator/health/liveness",
                        "/actuator/health/readiness",
                        "/actuator/health/status",
                        "/actuator/info",
                        "/docs",
                        "/docs/**",
                        "/swagger-ui/**",
                        "/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/users/me")
                    .authenticated()
                    .requestMatchers(ScrapeCredentials.PATH)
                    .access(AuthorizationManagers.anyOf(SCRAPER, ADMIN))
                    .requestMatchers("/admin/**", "/actuator/health/**")
                    .access(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/es", "/es/")
                    .authenticated()
                    // A client's ping().
                    .requestMatchers(HttpMethod.HEAD, "/es", "/es/")
                    .authenticated()
                    .requestMatchers(HttpMethod.GET, "/es/**")
                    .access(KeyScopes.allow(ApiKeyScope.REQUESTS_READ))
                    .requestMatchers("/es/**")
                    .access(KeyScopes.allow(ApiKeyScope.REQUESTS_WRITE))
                    .requestMatchers(HttpMethod.GET, "/requests", "/requests/**", "/responses")
                    .access(KeyScopes.allow(ApiKeyScope.REQUESTS_READ))
                    .requestMatchers("/requests", "/requests/**")
                    .access(KeyScopes.allow(ApiKeyScope.REQUESTS_WRITE))
                    .requestMatchers("/users/me/**", "/users/me", "/api-keys", "/api-keys/**")
                    .access(KeyScopes.allow(ApiKeyScope.ACCOUNT))
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .bearerTokenResolver(notWhenAuthenticated(new DefaultBearerTokenResolver()))
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(callers))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(
            new ScrapeCredentialFilter(scrapeCredentials), BearerTokenAuthenticationFilter.class)
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(apiKeys, problems, clock),
            BearerTokenAuthenticationFilter.class)
        // Once the caller is known, before anything is authorised or answered.
        .addFilterBefore(apiLimits, AuthorizationFilter.class)
        .build();
  }
}
