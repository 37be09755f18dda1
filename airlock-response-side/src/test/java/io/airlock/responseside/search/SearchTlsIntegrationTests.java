package io.airlock.responseside.search;

import static io.airlock.responseside.search.SearchFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import io.airlock.responseside.search.SearchOutcome.Kind;
import io.airlock.transfer.records.QueryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real nodes behind an HTTPS proxy whose certificate a test CA signed. */
class SearchTlsIntegrationTests {

  // base64("reader:s3cret")
  private static final String BASIC = "Basic cmVhZGVyOnMzY3JldA==";
  private static final String KEY = "a2V5OnNlY3JldA==";

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static TlsProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir);
    proxy =
        new TlsProxy(
            certificates.serverContext(), EngineUnderTest.OPENSEARCH.url().toString(), BASIC);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @OnEachEngine
  void trustsTheClusterWhoseCertificateTheConfiguredCaSigned(EngineUnderTest engine)
      throws Exception {
    String body = "{\"query\":{\"term\":{\"severity\":\"low\"}}}";
    try (TlsProxy secured =
        new TlsProxy(certificates.serverContext(), engine.url().toString(), BASIC)) {
      SearchEngine client =
          SearchFixture.engine(
              SearchFixture.settings(
                  secured.url(), "reader", "s3cret", null, certificates.caPem()));

      SearchOutcome outcome = client.execute("incidents", QueryType.COUNT, json(body));

      assertThat(outcome).isInstanceOf(Answered.class);
      assertThat(((Answered) outcome).body()).isEqualTo(engine.direct("/incidents/_count", body));
      assertThat(client.clusterInfo())
          .isInstanceOfSatisfying(
              ClusterInfo.Known.class,
              known -> assertThat(known.version()).isEqualTo(engine.version));
    }
  }

  @OnEachEngine
  void sendsTheApiKeyToTheCluster(EngineUnderTest engine) throws Exception {
    try (TlsProxy secured =
        new TlsProxy(certificates.serverContext(), engine.url().toString(), "ApiKey " + KEY)) {
      SearchEngine client =
          SearchFixture.engine(
              SearchFixture.settings(secured.url(), null, null, KEY, certificates.caPem()));
      SearchEngine wrongKey =
          SearchFixture.engine(
              SearchFixture.settings(secured.url(), null, null, "d3Jvbmc=", certificates.caPem()));

      assertThat(client.execute("assets", QueryType.COUNT, json("{}")))
          .isInstanceOf(Answered.class)
          .extracting(outcome -> ((Answered) outcome).body().path("count").asLong())
          .isEqualTo(1500L);
      assertThat(wrongKey.execute("assets", QueryType.COUNT, json("{}")))
          .isEqualTo(new Failed(Kind.PERMANENT, 401, "security_exception: missing authentication"));
    }
  }

  @Test
  void refusesTheClusterWithoutTheCaConfigured() {
    SearchEngine engine =
        SearchFixture.engine(SearchFixture.settings(proxy.url(), "reader", "s3cret", null, null));

    SearchOutcome outcome = engine.execute("incidents", QueryType.COUNT, json("{}"));

    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(((Failed) outcome).reason()).startsWith("TLS failed: ");
  }

  @Test
  void refusesTheClusterWhenAnotherCaIsConfigured() throws Exception {
    SearchEngine engine =
        SearchFixture.engine(
            SearchFixture.settings(
                proxy.url(), "reader", "s3cret", null, certificates.otherCaPem()));

    SearchOutcome outcome = engine.execute("incidents", QueryType.COUNT, json("{}"));

    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).reason()).startsWith("TLS failed: ");
  }

  @Test
  void failsForGoodWithTheEnginesReasonWhenTheCredentialsAreWrong() throws Exception {
    SearchEngine engine =
        SearchFixture.engine(
            SearchFixture.settings(proxy.url(), "reader", "wrong", null, certificates.caPem()));

    SearchOutcome outcome = engine.execute("incidents", QueryType.COUNT, json("{}"));

    assertThat(outcome)
        .isEqualTo(new Failed(Kind.PERMANENT, 401, "security_exception: missing authentication"));
  }

  @Test
  void refusesToStartOnACaFileWithoutACertificate() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");

    assertThatThrownBy(
            () ->
                SearchFixture.engine(SearchFixture.settings(proxy.url(), null, null, null, empty)))
        .isInstanceOf(CaCertificateUnusable.class)
        .hasMessageContaining("empty.pem");
  }
}
