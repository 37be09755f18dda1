package io.airlock.requestside.auth;

import io.airlock.platform.web.ProblemWriter;
import io.airlock.requestside.apikeys.ApiKeyScope;
import io.airlock.requestside.apikeys.ApiKeys;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Everything needs an authenticated caller except logging in, health, info and the API docs; {@code
 * /admin/**} needs an admin. Stateless: no session, so no CSRF token to protect.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  AccessTokenKeys accessTokenKeys(AuthProperties properties) {
    return AccessTokenKeys.from(properties.jwt());
  }

  @Bean
  JwtDecoder jwtDecoder(AccessTokenKeys keys) {
    return keys.decoder();
  }

  @Bean
  ProblemAnswers problemAnswers(
      ProblemWriter problemWriter, ObjectProvider<List<HandlerMapping>> handlerMappings) {
    return new ProblemAnswers(problemWriter, handlerMappings);
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      ProblemAnswers problems,
      ActiveCallers callers,
      ApiKeys apiKeys,
      Clock clock)
      throws Exception {
    return http.csrf(csrf -> csrf.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
                        "/actuator/health/**",
                        "/actuator/info",
                        "/docs",
                        "/docs/**",
                        "/swagger-ui/**",
                        "/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/users/me")
                    .authenticated()
                    .requestMatchers("/admin/**")
                    .access(
                        AuthorizationManagers.allOf(
                            AuthorityAuthorizationManager.hasRole("ADMIN"),
                            KeyScopes.allow(ApiKeyScope.ADMIN)))
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
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(callers))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(apiKeys, problems, clock),
            BearerTokenAuthenticationFilter.class)
        .build();
  }
}
