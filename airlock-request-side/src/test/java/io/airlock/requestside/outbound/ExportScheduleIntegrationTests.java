package io.airlock.requestside.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/** The exporter running on its own schedule, as it does outside tests. */
@RequestSideIntegrationTest
@TestPropertySource(properties = "airlock.export.enabled=true")
class ExportScheduleIntegrationTests {

  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;

  @Test
  void exportsALoneRequestOnceItHasLingered() throws InterruptedException {
    User user = new UserFixture(jdbc, passwords, null).user();
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into requests (id, owner_id, index_name, query_type, query_params, priority,
                                  status, deadline, trace_id)
            values (:id, :owner, 'logs', 'count', '{"query": {"match_all": {}}}', 1, 'pending',
                    now() + interval '1 hour', 'scheduled')""")
        .param("id", id)
        .param("owner", user.id())
        .update();

    // Linger 200ms, checked every 50ms: well within ten seconds even on a slow machine.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(status(id)).isEqualTo("exported"));
  }

  private String status(UUID id) {
    return jdbc.sql("select status from requests where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }
}
