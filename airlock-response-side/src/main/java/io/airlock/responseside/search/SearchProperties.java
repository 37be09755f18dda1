package io.airlock.responseside.search;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this side reaches its Elasticsearch or OpenSearch cluster.
 *
 * @param url the cluster's base URL, e.g. {@code http://127.0.0.1:9200}; unset, the side still runs
 *     but cannot execute queries, and its {@code search} health is DOWN ("not configured")
 * @param username user for HTTP Basic authentication; needs {@code password}
 * @param password password for HTTP Basic authentication
 * @param apiKey an API key, sent as {@code Authorization: ApiKey <key>}; not with {@code username}
 * @param caCertificate a PEM file with the CA that signed the cluster's certificate: with it, an
 *     {@code https} URL trusts exactly that CA instead of the JVM's default trust store
 * @param connectTimeout how long to wait for a connection to be established
 * @param maxRequestTimeout the longest any single call may wait for its answer, whatever timeout a
 *     query's params ask for
 * @param defaultQueryTimeout how long a queued query may run when its params set no {@code timeout}
 */
@ConfigurationProperties("airlock.search")
record SearchProperties(
    URI url,
    String username,
    String password,
    String apiKey,
    Path caCertificate,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration maxRequestTimeout,
    @DefaultValue("10s") Duration defaultQueryTimeout) {

  SearchProperties {
    if (username != null && password == null) {
      throw new IllegalArgumentException("airlock.search.username needs airlock.search.password");
    }
    if (apiKey != null && username != null) {
      throw new IllegalArgumentException(
          "airlock.search.api-key and airlock.search.username exclude each other: choose one");
    }
    if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("airlock.search.url must be http or https: " + url);
    }
  }

  boolean configured() {
    return url != null;
  }
}
