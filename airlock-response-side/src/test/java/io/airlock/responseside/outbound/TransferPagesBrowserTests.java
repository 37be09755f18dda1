package io.airlock.responseside.outbound;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import io.airlock.console.testing.Browser;
import io.airlock.platform.transfer.ManifestExtras;
import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.EncodedBatch;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The transfer pages in the operators' console: the platform's, the same as the request side's
 * (whose tests cover their actions), here with this side's menu and texts.
 */
@AdminApiIntegrationTest
class TransferPagesBrowserTests extends ConsoleBrowserTest {

  @Autowired OutboundBatches outbound;

  @Test
  void showsTheLinksAndASentBatchWithItsManifest() throws IOException {
    EncodedBatch sent =
        outbound.send(Channel.CONTROL, List.of(), Compression.NONE, ManifestExtras.NONE, s -> {});
    signIn();

    page.getByText("Batches").first().click();
    assertThat(page.locator("#links tr[data-channel=control]")).isVisible();
    page.locator("tr[data-batch='" + sent.manifest().batchId() + "'] button").click();
    assertThat(page.locator("#drawer #state")).hasText("published");
    assertThat(page.locator("#drawer #manifest"))
        .containsText(sent.manifest().batchId().toString());
    Browser.assertAccessible(page);
  }
}
