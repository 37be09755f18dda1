package io.airlock.requestside.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code new_sender_epoch()}, the operator's step after restoring a database from a backup, run in
 * a transaction rolled back afterwards: the running side and the other tests keep their epoch.
 */
@RequestSideIntegrationTest
class NewSenderEpochIntegrationTests {

  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void givesANewEpochAndReleasesWhatTheOldOneClaimedButNeverExported() {
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              status.setRollbackOnly();
              User user = new UserFixture(jdbc, passwords, null).user();
              UUID claimed = request(user, 7, false);
              UUID exported = request(user, 6, true);
              String before = epoch();

              String fresh = jdbc.sql("select new_sender_epoch()").query(String.class).single();

              assertThat(fresh).isNotEqualTo(before).isEqualTo(epoch());
              assertThat(exportSequence(claimed)).as("claimed again in the new epoch").isNull();
              assertThat(exportSequence(exported)).as("exported stays exported").isEqualTo(6L);
            });
  }

  private UUID request(User owner, long exportSequence, boolean exported) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into requests (id, owner_id, index_name, query_type, query_params, priority,
                                  status, deadline, trace_id, export_sequence, exported_at)
            values (:id, :owner, 'logs', 'count', '{"query": {"match_all": {}}}', 1, :status,
                    now() + interval '1 hour', 'epoch-test', :sequence,
                    case when :exported then now() end)""")
        .param("id", id)
        .param("owner", owner.id())
        .param("status", exported ? "exported" : "pending")
        .param("sequence", exportSequence)
        .param("exported", exported)
        .update();
    return id;
  }

  private String epoch() {
    return jdbc.sql("select epoch from sender_identity").query(String.class).single();
  }

  private Long exportSequence(UUID id) {
    return jdbc.sql("select export_sequence from requests where id = :id")
        .param("id", id)
        .query(Long.class)
        .optional()
        .orElse(null);
  }
}
