package io.airlock.responseside.search;

import static io.airlock.responseside.search.SearchFixture.TIMEOUT;
import static io.airlock.responseside.search.SearchFixture.direct;
import static io.airlock.responseside.search.SearchFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import io.airlock.responseside.search.SearchOutcome.Kind;
import io.airlock.searchnode.SearchNodeLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real node behind an HTTPS proxy whose certificate a test CA signed. */
class SearchTlsIntegrationTests {

  // base64("reader:s3cret")
  private static final String BASIC = "Basic cmVhZGVyOnMzY3JldA==";

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static TlsProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir);
    proxy = new TlsProxy(certificates.serverContext(), SearchNodeLauncher.shared().url(), BASIC);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void trustsTheClusterWhoseCertificateTheConfiguredCaSigned() throws Exception {
    String body = "{\"query\":{\"term\":{\"severity\":\"low\"}}}";
    SearchEngine engine =
        SearchFixture.engine(
            SearchFixture.settings(proxy.url(), "reader", "s3cret", null, certificates.caPem()));

    SearchOutcome outcome = engine.count("incidents", json(body), TIMEOUT);

    assertThat(outcome).isInstanceOf(Answered.class);
    assertThat(((Answered) outcome).body()).isEqualTo(direct("/incidents/_count", body));
    assertThat(engine.clusterInfo()).isInstanceOf(ClusterInfo.Known.class);
  }

  @Test
  void refusesTheClusterWithoutTheCaConfigured() {
    SearchEngine engine =
        SearchFixture.engine(SearchFixture.settings(proxy.url(), "reader", "s3cret", null, null));

    SearchOutcome outcome = engine.count("incidents", json("{}"), TIMEOUT);

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

    SearchOutcome outcome = engine.count("incidents", json("{}"), TIMEOUT);

    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).reason()).startsWith("TLS failed: ");
  }

  @Test
  void failsForGoodWithTheEnginesReasonWhenTheCredentialsAreWrong() throws Exception {
    SearchEngine engine =
        SearchFixture.engine(
            SearchFixture.settings(proxy.url(), "reader", "wrong", null, certificates.caPem()));

    SearchOutcome outcome = engine.count("incidents", json("{}"), TIMEOUT);

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
