package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPostgres;
import io.airlock.transfer.SenderEpoch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

class LinkHealthIndicatorIntegrationTests {

  private static final SenderEpoch SELF = new SenderEpoch("request", "own-epoch");

  private JdbcClient jdbc;
  private LinkHealthIndicator health;

  @BeforeEach
  void setUp() {
    jdbc =
        JdbcClient.create(TestPostgres.newDatabase("classpath:db/migration/platform").dataSource());
    health =
        new LinkHealthIndicator(
            new TransferLinks(jdbc, SELF), Duration.ofMinutes(15), Clock.systemUTC());
  }

  @Test
  void showsWhatArrivedWithItsGapsAndWhatWasSentWithTheOldestUnacknowledged() {
    jdbc.sql(
            """
            insert into inbound_watermarks (sender_node_id, sender_epoch, channel, contiguous, above)
            values ('response', 'peer-epoch', 'results', 4, '{7,9}')""")
        .update();
    jdbc.sql(
            """
            insert into inbound_batches (sender_node_id, sender_epoch, channel, sequence,
                outcome, file_name, received_at)
            values ('response', 'peer-epoch', 'results', 9, 'APPLIED', 'r9', now()),
                   ('response', 'peer-epoch', 'results', 8, 'REJECTED', 'r8', now()),
                   ('response', 'peer-epoch', 'results', 4, 'CONFLICT', 'r4', now())""")
        .update();
    sent(1, "ACKNOWLEDGED", "now()");
    sent(2, "PUBLISHED", "now() - interval '1 hour'");
    sent(3, "PUBLISHED", "now()");

    Health result = health.health();

    assertThat(result.getStatus()).isEqualTo(Status.UP);
    Map<?, ?> results =
        (Map<?, ?>) ((Map<?, ?>) result.getDetails().get("incoming")).get("results@response");
    assertThat(results.get("contiguous")).isEqualTo(4L);
    assertThat(results.get("gaps")).isEqualTo(List.of(5L, 6L, 8L));
    assertThat(results.get("lastHeardAt")).isNotNull();
    assertThat(results.get("rejectedBatches")).isEqualTo(2L);
    assertThat(results.get("conflicts")).isEqualTo(1L);
    Map<?, ?> requests =
        (Map<?, ?>) ((Map<?, ?>) result.getDetails().get("outgoing")).get("requests");
    assertThat(requests.get("highestSent")).isEqualTo(3L);
    assertThat(requests.get("unacknowledged")).isEqualTo(2L);
    assertThat(requests.get("oldestUnacknowledged")).isEqualTo(2L);
    assertThat(result.getDetails().get("warnings"))
        .isEqualTo(
            List.of(
                "results: sequences [5, 6, 8] missing",
                "results: 1 batch(es) from response reused an applied sequence with other content"
                    + " (quarantined in inbox/failed)",
                "requests: batch 2 unacknowledged for over PT15M"));
  }

  @Test
  void aOneWayLinkDoesNotWarnOfAcksThatCannotCome() {
    sent(1, "PUBLISHED", "now() - interval '1 day'");
    LinkHealthIndicator oneWay =
        new LinkHealthIndicator(new TransferLinks(jdbc, SELF), null, Clock.systemUTC());

    assertThat(oneWay.health().getDetails().get("warnings")).isEqualTo(List.of());
    assertThat(health.health().getDetails().get("warnings"))
        .isEqualTo(List.of("requests: batch 1 unacknowledged for over PT15M"));
  }

  @Test
  void warnsWhenThePeerAcknowledgesMoreThanThisDatabaseHasSent() {
    sent(1, "ACKNOWLEDGED", "now()");
    jdbc.sql(
            """
            insert into outbound_peer_acks (sender_epoch, channel, reported_at, received_at,
                acknowledged)
            values (:epoch, 'requests', now(), now(), 7)""")
        .param("epoch", SELF.epoch())
        .update();

    assertThat(health.health().getDetails().get("warnings"))
        .isEqualTo(
            List.of(
                "requests: the peer acknowledges up to 7, above the highest sequence sent (1):"
                    + " this database is older than what it sent; give it a new sender epoch"));
  }

  @Test
  void aQuietLinkHasNothingToWarnAbout() {
    assertThat(health.health().getDetails().get("warnings")).isEqualTo(List.of());
  }

  private void sent(long sequence, String state, String publishedAt) {
    jdbc.sql(
            """
            insert into outbound_batches (sender_epoch, channel, sequence, batch_id, record_count,
                payload_file, compression, state, published_at)
            values (:epoch, 'requests', :sequence, gen_random_uuid(), 1, 'p', 'none', :state, """
                + publishedAt
                + ")")
        .param("epoch", SELF.epoch())
        .param("sequence", sequence)
        .param("state", state)
        .update();
  }
}
