package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SearchPropertiesTests {

  @Test
  void defaultsToNoClusterAndTheDocumentedTimeouts() {
    SearchProperties settings = bind(Map.of());

    assertThat(settings.configured()).isFalse();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.maxRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.defaultQueryTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void bindsEverySettingByItsKebabCaseName() {
    SearchProperties settings =
        bind(
            Map.of(
                "airlock.search.url", "https://search.internal:9200",
                "airlock.search.api-key", "k",
                "airlock.search.ca-certificate", "/etc/airlock/search-ca.pem",
                "airlock.search.connect-timeout", "2s",
                "airlock.search.max-request-timeout", "10s",
                "airlock.search.default-query-timeout", "3s"));

    assertThat(settings.url()).isEqualTo(URI.create("https://search.internal:9200"));
    assertThat(settings.apiKey()).isEqualTo("k");
    assertThat(settings.caCertificate()).isEqualTo(Path.of("/etc/airlock/search-ca.pem"));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.maxRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.defaultQueryTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void refusesAUsernameWithoutAPassword() {
    assertThatThrownBy(() -> bind(Map.of("airlock.search.username", "reader")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("airlock.search.password");
  }

  @Test
  void refusesBothAnApiKeyAndAUsername() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "airlock.search.username", "reader",
                        "airlock.search.password", "p",
                        "airlock.search.api-key", "k")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("exclude each other");
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> bind(Map.of("airlock.search.url", "ftp://h")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("http or https");
  }

  private static SearchProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("airlock.search", SearchProperties.class);
  }
}
