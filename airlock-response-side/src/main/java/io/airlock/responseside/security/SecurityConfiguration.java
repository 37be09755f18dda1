package io.airlock.responseside.security;

import io.airlock.console.ConsoleNavigation;
import io.airlock.console.ConsoleProperties;
import io.airlock.console.ConsoleSecurity;
import io.airlock.platform.metrics.ScrapeCredentialFilter;
import io.airlock.platform.metrics.ScrapeCredentials;
import io.airlock.responseside.monitoring.SystemLog;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * This side has no end users: only admins. The admin and monitoring API takes HTTP Basic or an API
 * key, with no session, so no CSRF to defend against; the metrics take an admin or the scraper's
 * credential ({@link ScrapeCredentials}); everything else there (health, docs, errors) stays open
 * so that probes and the 404s of unknown paths work without credentials. The console has a chain of
 * its own ({@link ConsoleSecurity}): form sign-in, sessions, CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String ADMIN = "ADMIN";

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  UserDetailsService userDetailsService(Accounts accounts) {
    return username ->
        accounts
            .byUsername(username)
            .map(Account::userDetails)
            .orElseThrow(() -> new UsernameNotFoundException("No such user"));
  }

  /** The console's menu on this side. */
  @Bean
  ConsoleNavigation consoleNavigation() {
    return new ConsoleNavigation(
        "response.side",
        List.of(
            new ConsoleNavigation.Item("response.nav.dashboard", "/console", false),
            new ConsoleNavigation.Item("response.nav.requests", "/console/requests", false),
            new ConsoleNavigation.Item("response.nav.results", "/console/results", false),
            new ConsoleNavigation.Item("response.nav.cache", "/console/cache", false),
            new ConsoleNavigation.Item("response.nav.log", "/console/system-log", false),
            new ConsoleNavigation.Item("response.nav.directory", "/console/directory", false),
            new ConsoleNavigation.Item(
                "response.nav.types", "/console/directory/profile-types", false),
            new ConsoleNavigation.Item(
                "response.nav.settings", "/console/directory/settings", false),
            new ConsoleNavigation.Item("transfer.nav", "/console/admin/batches", false),
            new ConsoleNavigation.Item("response.nav.keys", "/console/api-keys", false)));
  }

  /** The console's pages: browser sessions, apart from the API (see {@link ConsoleSecurity}). */
  @Bean
  @Order(1)
  SecurityFilterChain consoleFilterChain(
      HttpSecurity http,
      Accounts accounts,
      PasswordEncoder passwords,
      SystemLog log,
      ConsoleProperties properties,
      Clock clock)
      throws Exception {
    ConsoleSignIn signIn = new ConsoleSignIn(accounts, passwords, log);
    return ConsoleSecurity.chain(http, signIn, signIn::current, null, properties, clock);
  }

  @Bean
  @Order(2)
  SecurityFilterChain adminApi(
      HttpSecurity http,
      Accounts accounts,
      SecurityProblems problems,
      ScrapeCredentials scrapeCredentials)
      throws Exception {
    return http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        // A scraper's Basic credential authenticates here first; the Basic filter then leaves it.
        .addFilterBefore(
            new ScrapeCredentialFilter(scrapeCredentials), BasicAuthenticationFilter.class)
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(accounts, problems), BasicAuthenticationFilter.class)
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/admin/**", "/stats/**", "/actuator/health/detailed")
                    .hasRole(ADMIN)
                    .requestMatchers(ScrapeCredentials.PATH)
                    .hasAnyRole(ADMIN, ScrapeCredentials.ROLE)
                    .anyRequest()
                    .permitAll())
        .build();
  }
}
