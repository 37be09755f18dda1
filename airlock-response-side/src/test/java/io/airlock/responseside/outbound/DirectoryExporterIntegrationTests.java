package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.RecordCursor;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.records.UserRecord;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** Every record in the directory batches this side has published, verified with its own key. */
  private List<TransferRecord> exported() throws IOException {
    Path ownKey =
        Path.of(environment.getRequiredProperty("airlock.data-dir")).resolve("keys/response.pub");
    BatchReader reader =
        new BatchReader(
            SignaturePolicy.required(TrustedKeys.of(List.of(PemKeys.readPublicKey(ownKey)))),
            ReceiveLimits.DEFAULTS);
    List<TransferRecord> records = new ArrayList<>();
    try (DirectoryStream<Path> manifests =
        Files.newDirectoryStream(folders.sent(), "directory-*.manifest.json")) {
      for (Path manifest : manifests) {
        VerifyResult result = reader.verify(manifest);
        assertThat(result).isInstanceOf(VerifyResult.Accepted.class);
        try (RecordCursor cursor = ((VerifyResult.Accepted) result).batch().openRecords()) {
          cursor.forEachRemaining(line -> records.add(((RecordLine.Valid) line).record()));
        }
      }
    }
    return records;
  }
}
