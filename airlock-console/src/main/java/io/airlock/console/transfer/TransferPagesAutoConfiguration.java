package io.airlock.console.transfer;

import io.airlock.console.ConsoleNavigation;
import io.airlock.platform.transfer.LinkMaintenance;
import io.airlock.platform.transfer.TransferBatches;
import io.airlock.platform.transfer.TransferLedger;
import io.airlock.platform.transfer.TransferLinks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** The transfer pages, on a side with a console (it defines the menu) and a transfer ledger. */
@AutoConfiguration(afterName = "io.airlock.platform.transfer.TransferAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ConsoleNavigation.class, TransferLedger.class, LinkMaintenance.class})
public class TransferPagesAutoConfiguration {

  @Bean
  TransferPages transferPages(
      TransferLedger ledger,
      TransferBatches batches,
      TransferLinks links,
      LinkMaintenance linkMaintenance,
      JsonMapper json) {
    return new TransferPages(ledger, batches, links, linkMaintenance, json);
  }
}
