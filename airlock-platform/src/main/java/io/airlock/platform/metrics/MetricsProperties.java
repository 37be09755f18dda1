package io.airlock.platform.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read {@code /actuator/prometheus} (and {@code /metrics}) besides an admin: a scraper with
 * a credential of its own, so that Prometheus needs no admin account.
 *
 * @param scrape the scraper's credential; neither part set: only admins may scrape
 */
@ConfigurationProperties("airlock.metrics")
public record MetricsProperties(@DefaultValue Scrape scrape) {

  /**
   * @param token sent by the scraper as {@code Authorization: Bearer <token>} (Prometheus's {@code
   *     authorization.credentials}); at least 32 characters; empty: no bearer scraping
   * @param username with {@code password}, sent as HTTP Basic (Prometheus's {@code basic_auth});
   *     empty: no Basic scraping
   * @param password the Basic password; at least 16 characters
   */
  public record Scrape(String token, String username, String password) {

    public Scrape {
      if (token != null && !token.isBlank() && token.length() < 32) {
        throw new IllegalArgumentException(
            "airlock.metrics.scrape.token must be at least 32 characters");
      }
      boolean basic = username != null && !username.isBlank();
      if (basic && (password == null || password.length() < 16)) {
        throw new IllegalArgumentException(
            "airlock.metrics.scrape.password must be at least 16 characters with a username");
      }
    }
  }
}
