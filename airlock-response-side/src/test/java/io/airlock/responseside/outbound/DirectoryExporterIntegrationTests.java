package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.records.UserRecord;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@ResponseSideIntegrationTest
class DirectoryExporterIntegrationTests {

  @Autowired DirectoryExporter exporter;
  @Autowired DirectoryAdministration administration;
  @Autowired TransferFolders folders;
  @Autowired Environment environment;
  @Autowired JdbcClient jdbc;

  @Test
  void exportsEachDirectoryChangeOnceAndNeverAHighSideOnlyAccount() throws IOException {
    exporter.exportChanges();
    assertThat(exported()).anySatisfy(r -> assertThat(r).isInstanceOf(ProfileTypeRecord.class));
    assertThat(exporter.exportChanges()).as("nothing changed").isZero();

    String username = "exported" + System.nanoTime() % 100_000;
    administration.createUser(
        new DirectoryAdministration.NewUser(
            username,
            username + "@example.org",
            "Exported",
            "user",
            "standard",
            "a long enough password",
            false),
        "test");
    administration.createUser(
        new DirectoryAdministration.NewUser(
            "op" + username, null, "Operator", "admin", "standard", "a long enough password", true),
        "test");
    exporter.exportChanges();

    List<TransferRecord> records = exported();
    assertThat(records)
        .filteredOn(r -> r instanceof UserRecord u && u.username().equals(username))
        .hasSize(1);
    List<String> highSideOnly =
        jdbc.sql("select username from users where high_side_only").query(String.class).list();
    assertThat(highSideOnly).contains("op" + username);
    assertThat(records)
        .filteredOn(r -> r instanceof UserRecord u && highSideOnly.contains(u.username()))
        .isEmpty();
    assertThat(
            jdbc.sql(
                    "select count(*) from outbound_batches where channel = 'directory'"
                        + " and state = 'PUBLISHED'")
                .query(Integer.class)
                .single())
        .isEqualTo(
            jdbc.sql("select max(sequence) from outbound_batches where channel = 'directory'")
                .query(Integer.class)
                .single());
  }

  private List<TransferRecord> exported() throws IOException {
    return new SentBatches(folders, environment).recordsOn("directory");
  }
}
