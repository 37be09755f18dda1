package io.airlock.responseside.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * This side has no end users: only admins, by HTTP Basic or API key, and only for the admin and
 * monitoring API. Everything else (health, docs, errors) stays open so that probes and the 404s of
 * unknown paths work without credentials. No sessions, so no CSRF to defend against.
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

  @Bean
  SecurityFilterChain adminApi(HttpSecurity http, Accounts accounts, SecurityProblems problems)
      throws Exception {
    return http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(accounts, problems), BasicAuthenticationFilter.class)
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/admin/**", "/stats/**")
                    .hasRole(ADMIN)
                    .anyRequest()
                    .permitAll())
        .build();
  }
}
