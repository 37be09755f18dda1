package io.airlock.requestside.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.platform.transfer.TransferRetention;
import io.airlock.requestside.RequestSideIntegrationTest;
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

/** The platform's retention job as the request side wires it, recorded in its audit log. */
@RequestSideIntegrationTest
class RetentionRecordsIntegrationTests {

  @Autowired TransferRetention retention;
  @Autowired TransferFolders folders;
  @Autowired JdbcClient jdbc;

  @Test
  void recordsWhatTheRetentionRemovedOnceForTheRunNotOncePerFile() throws Exception {
    Files.createDirectories(folders.failed());
    for (int i = 0; i < 3; i++) {
      Path failed = folders.failed().resolve("requests-" + UUID.randomUUID() + ".manifest.json");
      Files.writeString(failed, "{}");
      Files.setLastModifiedTime(failed, FileTime.from(Instant.now().minus(Duration.ofDays(181))));
    }
    long before = recorded();

    Map<String, Long> removed = retention.runNow().orElseThrow();

    assertThat(removed.get("inbox-failed")).isGreaterThanOrEqualTo(3);
    assertThat(recorded()).isEqualTo(before + 1);
    assertThat(
            jdbc.sql(
                    """
                    select actor || ' ' || detail from audit_logs
                    where action = 'retention.removed' and resource = 'retention:inbox-failed'
                    order by id desc limit 1""")
                .query(String.class)
                .single())
        .startsWith("system " + removed.get("inbox-failed") + " older than ");
  }

  private long recorded() {
    return jdbc.sql(
            """
            select count(*) from audit_logs
            where action = 'retention.removed' and resource = 'retention:inbox-failed'""")
        .query(Long.class)
        .single();
  }
}
