package io.airlock.requestside.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import io.airlock.console.testing.Browser;
import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.ManifestExtras;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.ConsoleBrowserTest;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.User;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.records.ResultRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batches' pages for an admin: both tabs, a batch's details and files, a failed import's reason
 * and quarantined records, and the re-send of a range.
 */
@RequestSideIntegrationTest
class BatchPagesBrowserTests extends ConsoleBrowserTest {

  @Autowired OutboundBatches outbound;
  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;

  @Test
  void showsASentBatchDownloadsItsFilesAndResendsIt() throws IOException {
    EncodedBatch sent =
        outbound.send(Channel.CONTROL, List.of(), Compression.NONE, ManifestExtras.NONE, s -> {});
    UUID batchId = sent.manifest().batchId();
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.getByText("Batches").first().click();
    page.locator("select[name=channel]").first().selectOption("control");
    page.locator("form[role=search] button").click();
    page.waitForURL(Pattern.compile(".*channel=control.*"));
    page.locator("tr[data-batch='" + batchId + "'] button").click();
    assertThat(page.locator("#drawer #state")).hasText("published");
    assertThat(page.locator("#drawer #ack")).hasText("not acknowledged yet");
    assertThat(page.locator("#drawer #manifest")).containsText(batchId.toString());
    Browser.assertAccessible(page);

    Download files = page.waitForDownload(() -> page.locator("#drawer #download").click());
    assertThat(entries(files.path()))
        .containsExactlyInAnyOrder(sent.manifestFileName(), sent.payloadFileName());

    Files.delete(folders.outbox().resolve(sent.manifestFileName()));
    page.locator("#resend select[name=channel]").selectOption("control");
    page.locator("#resend input[name=from]").fill(Long.toString(sent.manifest().sequence()));
    page.locator("#resend button").click();
    page.locator("#confirm button[value=ok]").click();
    assertThat(page.locator("#resent"))
        .containsText("control: re-sent " + sent.manifest().sequence() + ";");
    assertThat(folders.outbox().resolve(sent.manifestFileName())).exists();
  }

  @Test
  void showsAnAppliedBatchsQuarantinedRecordsAndARejectedBatchsReasonAndFiles() throws IOException {
    TestPeer peer = new TestPeer(folders.inbox(), "response");
    UUID unreadable = UUID.randomUUID();
    EncodedBatch applied = peer.publish(Channel.RESULTS, result(UUID.randomUUID()));
    // A result without its result body: quarantined, the rest of the batch applied.
    peer.rewritePayload(
        applied,
        peer.payload(applied)
            + "{\"type\":\"result\",\"id\":\""
            + unreadable
            + "\",\"execution_ms\":1}\n",
        2);
    EncodedBatch tampered = peer.publish(Channel.RESULTS, result(UUID.randomUUID()));
    Path payload = folders.inbox().resolve(tampered.payloadFileName());
    Files.writeString(payload, Files.readString(payload).replace("\"x\"", "\"y\""));
    importer.importNow();
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    page.navigate("/console/admin/batches?tab=import&channel=results");
    page.locator("tr[data-batch='" + ledgerId(applied) + "'] button").click();
    assertThat(page.locator("#drawer #outcome")).hasText("applied");
    assertThat(page.locator("#drawer #quarantined tbody tr")).hasCount(1);
    assertThat(page.locator("#drawer #quarantined")).containsText(unreadable.toString());
    Browser.assertAccessible(page);

    page.navigate("/console/admin/batches?tab=import&outcome=rejected");
    page.locator("tr[data-batch='" + ledgerId(tampered) + "'] button").click();
    assertThat(page.locator("#drawer #outcome")).hasText("rejected");
    assertThat(page.locator("#drawer #reason")).containsText("checksum_mismatch");
    Download files = page.waitForDownload(() -> page.locator("#drawer #download").click());
    assertThat(entries(files.path()))
        .containsExactlyInAnyOrder(
            tampered.manifestFileName(),
            tampered.payloadFileName(),
            tampered.manifestFileName() + ".reason");
  }

  @Test
  void anUnknownChannelIsRefusedSayingWhy() {
    User admin = users.create("admin", true);
    page = browser.page(base());
    signIn(admin);

    assertThat(page.navigate("/console/admin/batches?channel=elsewhere").status()).isEqualTo(400);
    assertThat(page.locator("#why")).containsText("channel must be one of");
  }

  private long ledgerId(EncodedBatch batch) {
    return jdbc.sql("select id from inbound_batches where batch_id = :id")
        .param("id", batch.manifest().batchId())
        .query(Long.class)
        .single();
  }

  private static List<String> entries(Path zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  private static ResultRecord result(UUID id) {
    Instant at = Instant.parse("2026-11-22T08:00:00Z");
    return new ResultRecord(
        id.toString(),
        "trace-" + id,
        JsonMapper.shared().readTree("{\"hits\":{\"hits\":[{\"_id\":\"x\"}]}}"),
        17,
        false,
        "ab".repeat(32),
        at,
        at);
  }
}
