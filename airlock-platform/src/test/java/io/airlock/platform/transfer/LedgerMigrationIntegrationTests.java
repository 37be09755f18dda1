package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

class LedgerMigrationIntegrationTests {

  static final String PLATFORM = "classpath:db/migration/platform";

  JdbcClient jdbc;

  @BeforeEach
  void freshDatabase() {
    jdbc = JdbcClient.create(TestPostgres.newDatabase(PLATFORM).dataSource());
  }

  @Test
  void createsTheLedgerTables() {
    assertThat(
            jdbc.sql(
                    "select table_name from information_schema.tables"
                        + " where table_schema = 'public' and table_name <> 'flyway_schema_history'")
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder(
            "sender_identity",
            "outbound_batches",
            "outbound_batch_records",
            "inbound_batches",
            "inbound_watermarks",
            "quarantined_records",
            "shedlock",
            "outbound_peer_acks");
  }

  @Test
  void createsExactlyOneSenderEpochAndRefusesASecond() {
    assertThat(jdbc.sql("select epoch from sender_identity").query(String.class).single())
        .matches("[0-9a-f-]{36}");
    assertThatThrownBy(() -> jdbc.sql("insert into sender_identity (epoch) values ('x')").update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void givesEveryNewDatabaseItsOwnSenderEpoch() {
    JdbcClient other = JdbcClient.create(TestPostgres.newDatabase(PLATFORM).dataSource());
    String sql = "select epoch from sender_identity";
    assertThat(jdbc.sql(sql).query(String.class).single())
        .isNotEqualTo(other.sql(sql).query(String.class).single());
  }

  @Test
  void refusesAnUnknownOutboundBatchState() {
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "insert into outbound_batches (sender_epoch, channel, sequence, batch_id,"
                            + " record_count, payload_file, compression, state)"
                            + " values ('e', 'requests', 1, gen_random_uuid(), 0, 'f', 'none', 'LOST')")
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void letsASequenceBeAppliedOnlyOnce() {
    String applied =
        "insert into inbound_batches (sender_node_id, sender_epoch, channel, sequence, batch_id,"
            + " outcome, file_name) values ('response', 'e', 'results', 7, gen_random_uuid(), :outcome, 'f')";
    jdbc.sql(applied).param("outcome", "APPLIED").update();
    jdbc.sql(applied).param("outcome", "DUPLICATE").update();
    assertThatThrownBy(() -> jdbc.sql(applied).param("outcome", "APPLIED").update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void defaultsAWatermarkToNothingApplied() {
    jdbc.sql(
            "insert into inbound_watermarks (sender_node_id, sender_epoch, channel)"
                + " values ('response', 'e', 'results')")
        .update();
    assertThat(
            jdbc.sql("select contiguous, cardinality(above) from inbound_watermarks")
                .query((rs, row) -> rs.getLong(1) + "/" + rs.getInt(2))
                .single())
        .isEqualTo("0/0");
  }
}
