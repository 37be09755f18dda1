package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.ResponseSideIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code new_sender_epoch()}, the operator's step after restoring a database from a backup, run in
 * a transaction rolled back afterwards: the running side and the other tests keep their epoch.
 */
@ResponseSideIntegrationTest
class NewSenderEpochIntegrationTests {

  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void givesANewEpochAndSendsAgainEveryAnswerNotAcknowledged() {
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              status.setRollbackOnly();
              ResultFixture results = new ResultFixture(jdbc);
              UUID unacknowledged = exported(results.completed(Duration.ofMinutes(2)), false);
              UUID acknowledged = exported(results.completed(Duration.ofMinutes(1)), true);
              String before = epoch();

              String fresh = jdbc.sql("select new_sender_epoch()").query(String.class).single();

              assertThat(fresh).isNotEqualTo(before).isEqualTo(epoch());
              assertThat(export(unacknowledged))
                  .as("to be sent again in the new epoch")
                  .containsEntry("export_sequence", null)
                  .containsEntry("exported_at", null);
              assertThat(export(acknowledged).get("export_sequence")).isEqualTo(4L);
            });
  }

  private UUID exported(UUID id, boolean acknowledged) {
    jdbc.sql(
            """
            update query_results set export_sequence = 4, exported_at = now(),
                acknowledged_at = case when :acknowledged then now() end
            where request_id = :id""")
        .param("id", id)
        .param("acknowledged", acknowledged)
        .update();
    return id;
  }

  private String epoch() {
    return jdbc.sql("select epoch from sender_identity").query(String.class).single();
  }

  private Map<String, Object> export(UUID id) {
    return jdbc.sql("select export_sequence, exported_at from query_results where request_id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }
}
