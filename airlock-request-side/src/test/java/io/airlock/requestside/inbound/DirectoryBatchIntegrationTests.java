package io.airlock.requestside.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.transfer.Channel;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.RejectionReason;
import io.airlock.transfer.records.SettingRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Directory batches through the inbox: good ones applied once, bad ones refused with a reason. */
@RequestSideIntegrationTest
class DirectoryBatchIntegrationTests {

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired JdbcClient jdbc;
  TestPeer peer;
  String key;

  @BeforeEach
  void setUp() {
    peer = new TestPeer(folders.inbox(), "response");
    key = "test." + UUID.randomUUID();
  }

  @Test
  void appliesABatchOnceAndArchivesTheDuplicateTheMediumDeliversAgain() throws IOException {
    EncodedBatch batch = peer.publish(Channel.DIRECTORY, new SettingRecord(key, "1", 1));
    assertThat(importer.importNow()).singleElement().isInstanceOf(ImportOutcome.Imported.class);
    jdbc.sql("update settings set value = 'changed here' where key = :key")
        .param("key", key)
        .update();

    Files.write(folders.inbox().resolve(batch.payloadFileName()), batch.payload());
    Files.write(
        folders.inbox().resolve(batch.manifestFileName()),
        Files.readAllBytes(folders.archive().resolve(batch.manifestFileName())));

    assertThat(importer.importNow()).singleElement().isInstanceOf(ImportOutcome.Duplicate.class);
    assertThat(setting()).as("not applied again").isEqualTo("changed here");
  }

  @Test
  void refusesATamperedBatchIntoFailedWithAReasonAndAppliesNothing() throws IOException {
    EncodedBatch batch = peer.publish(Channel.DIRECTORY, new SettingRecord(key, "good", 1));
    Path payload = folders.inbox().resolve(batch.payloadFileName());
    Files.writeString(payload, Files.readString(payload).replace("good", "evil"));

    List<ImportOutcome> outcomes = importer.importNow();

    assertThat(outcomes).singleElement().isInstanceOf(ImportOutcome.Rejected.class);
    assertThat(((ImportOutcome.Rejected) outcomes.get(0)).reason())
        .isEqualTo(RejectionReason.CHECKSUM_MISMATCH);
    assertThat(Files.readString(folders.failed().resolve(batch.manifestFileName() + ".reason")))
        .startsWith("checksum_mismatch");
    assertThat(setting()).isNull();
  }

  @Test
  void quarantinesAnInvalidRecordAndAppliesTheRestOfItsBatch() throws IOException {
    String other = key + ".other";
    EncodedBatch batch = peer.publish(Channel.DIRECTORY, new SettingRecord(key, "kept", 1));
    peer.rewritePayload(
        batch,
        peer.payload(batch) + "{\"type\":\"setting\",\"id\":\"" + other + "\",\"version\":1}\n",
        2);

    assertThat(importer.importNow())
        .singleElement()
        .isInstanceOfSatisfying(
            ImportOutcome.Imported.class, imported -> assertThat(imported.quarantined()).isOne());

    assertThat(setting()).isEqualTo("kept");
    assertThat(
            jdbc.sql("select reason from quarantined_records where record_id = :id")
                .param("id", other)
                .query(String.class)
                .single())
        .contains("value");
  }

  private String setting() {
    return jdbc.sql("select value from settings where key = :key")
        .param("key", key)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
