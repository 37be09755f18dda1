package io.airlock.responseside.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.platform.transfer.TransferRetention;
import io.airlock.responseside.ResponseSideIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The platform's retention job as the response side wires it, recorded in its system log. */
@ResponseSideIntegrationTest
class RetentionRecordsIntegrationTests {

  @Autowired TransferRetention retention;
  @Autowired TransferFolders folders;
  @Autowired JdbcClient jdbc;

  @Test
  void recordsWhatTheRetentionRemovedOnceForTheRunNotOncePerFile() throws Exception {
    Files.createDirectories(folders.archive());
    for (int i = 0; i < 3; i++) {
      Path archived = folders.archive().resolve("requests-" + UUID.randomUUID() + ".manifest.json");
      Files.writeString(archived, "{}");
      Files.setLastModifiedTime(archived, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
    }
    long before = recorded();

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed.get("inbox-archive")).isGreaterThanOrEqualTo(3);
    assertThat(recorded()).isEqualTo(before + 1);
    assertThat(
            jdbc.sql(
                    """
                    select details->>'removed' from system_logs
                    where component = 'retention' and details->>'kind' = 'inbox-archive'
                    order by id desc limit 1""")
                .query(String.class)
                .single())
        .isEqualTo(String.valueOf(removed.get("inbox-archive")));
  }

  private long recorded() {
    return jdbc.sql(
            """
            select count(*) from system_logs
            where component = 'retention' and details->>'kind' = 'inbox-archive'""")
        .query(Long.class)
        .single();
  }
}
