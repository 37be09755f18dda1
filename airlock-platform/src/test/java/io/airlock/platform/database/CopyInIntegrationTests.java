package io.airlock.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.platform.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** COPY into a real PostgreSQL: every value arrives as it was, in order, in the transaction. */
class CopyInIntegrationTests {

  private record Row(UUID id, String text, Instant at, String json) {}

  private static final CopyIn<Row> COPY =
      CopyIn.into("copied", Row.class)
          .column("id", Row::id)
          .column("text", Row::text)
          .column("at", Row::at)
          .column("json", Row::json);

  private DataSource database;
  private JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    database = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    jdbc = JdbcClient.create(database);
    jdbc.sql(
            """
            create table copied (position bigserial, id uuid primary key, text text,
                at timestamptz, json jsonb)""")
        .update();
  }

  @Test
  void everyValueArrivesAsItWasInTheRowsOrder() {
    List<Row> rows =
        List.of(
            new Row(
                UUID.randomUUID(), "tab\there, line\nbreak, return\r, back\\slash \\N", null, null),
            new Row(UUID.randomUUID(), null, Instant.parse("2026-12-06T23:00:01.123456Z"), "{}"),
            new Row(UUID.randomUUID(), "\\", Instant.EPOCH, "{\"q\": \"a\\\"b\\\\c\\td\"}"),
            new Row(UUID.randomUUID(), "", null, "[1, 2.5, \"ü\"]"));

    assertThat(COPY.write(database, rows)).isEqualTo(4);

    List<Row> read =
        jdbc.sql("select id, text, at, json::text from copied order by position")
            .query(
                (rs, n) ->
                    new Row(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
            .list();
    assertThat(read)
        .containsExactly(
            rows.get(0),
            rows.get(1),
            new Row(rows.get(2).id(), "\\", Instant.EPOCH, "{\"q\": \"a\\\"b\\\\c\\td\"}"),
            new Row(rows.get(3).id(), "", null, "[1, 2.5, \"ü\"]"));
  }

  @Test
  void theRowsGoWithTheTransactionTheyAreWrittenIn() {
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(database));
    transactions.executeWithoutResult(
        status -> {
          COPY.write(database, List.of(new Row(UUID.randomUUID(), "rolled back", null, null)));
          assertThat(count()).isOne();
          status.setRollbackOnly();
        });
    assertThat(count()).isZero();

    transactions.executeWithoutResult(
        status -> COPY.write(database, List.of(new Row(UUID.randomUUID(), "kept", null, null))));
    assertThat(jdbc.sql("select text from copied").query(String.class).list())
        .containsExactly("kept");
  }

  @Test
  void aTakenKeyFailsTheCopyAsADuplicateKeyAndWritesNoneOfIt() {
    UUID taken = UUID.randomUUID();
    COPY.write(database, List.of(new Row(taken, "first", null, null)));

    assertThatThrownBy(
            () ->
                COPY.write(
                    database,
                    List.of(
                        new Row(UUID.randomUUID(), "new", null, null),
                        new Row(taken, "again", null, null))))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(jdbc.sql("select id, text from copied").query().listOfRows())
        .containsExactly(Map.of("id", taken, "text", "first"));
  }

  @Test
  void manyRowsStreamInPiecesAndArriveInOrder() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      rows.add(new Row(UUID.randomUUID(), "row " + i + " " + "x".repeat(100), null, null));
    }

    assertThat(COPY.write(database, rows)).isEqualTo(5_000);

    assertThat(jdbc.sql("select text from copied order by position").query(String.class).list())
        .containsExactlyElementsOf(rows.stream().map(Row::text).toList());
  }

  @Test
  // A copy left open would make the next statement on its connection wait for ever.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aCopyThatFailsMidwayLeavesTheConnectionFitForTheNextStatement() {
    UUID taken = UUID.randomUUID();
    COPY.write(database, List.of(new Row(taken, "first", null, null)));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      rows.add(new Row(i == 4_000 ? taken : UUID.randomUUID(), "x".repeat(100), null, null));
    }
    CopyIn<Row> throwing =
        CopyIn.into("copied", Row.class)
            .column("id", Row::id)
            .column(
                "text",
                row -> {
                  if (row.text().equals("boom")) {
                    throw new IllegalStateException("no text for this row");
                  }
                  return row.text();
                });
    List<Row> failing = new ArrayList<>(rows.subList(0, 3_000));
    failing.set(2_999, new Row(UUID.randomUUID(), "boom", null, null));
    // One connection, so a copy left open would show in the statements after it.
    SingleConnectionDataSource single = singleConnection();
    JdbcClient onIt = JdbcClient.create(single);

    assertThatThrownBy(() -> COPY.write(single, rows)).isInstanceOf(DuplicateKeyException.class);
    assertThat(onIt.sql("select count(*) from copied").query(Integer.class).single()).isOne();
    assertThatThrownBy(() -> throwing.write(single, failing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no text for this row");
    assertThat(onIt.sql("select count(*) from copied").query(Integer.class).single()).isOne();
    single.destroy();
  }

  private SingleConnectionDataSource singleConnection() {
    try {
      return new SingleConnectionDataSource(database.getConnection(), true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void noRowsWriteNothing() {
    assertThat(COPY.write(database, List.of())).isZero();
    assertThat(count()).isZero();
  }

  private int count() {
    return jdbc.sql("select count(*) from copied").query(Integer.class).single();
  }
}
