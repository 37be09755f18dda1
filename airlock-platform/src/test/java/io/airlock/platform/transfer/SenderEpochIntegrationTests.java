package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testapp.PlatformIntegrationTest;
import io.airlock.transfer.SenderEpoch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PlatformIntegrationTest
class SenderEpochIntegrationTests {

  @Autowired SenderEpoch sender;
  @Autowired DataSource dataSource;

  @Test
  void isTheConfiguredNodeWithTheEpochOfItsDatabase() {
    assertThat(sender.nodeId()).isEqualTo("platform-test");
    assertThat(sender.epoch())
        .isEqualTo(
            JdbcClient.create(dataSource)
                .sql("select epoch from sender_identity")
                .query(String.class)
                .single());
  }
}
