package io.airlock.requestside.admin;

import io.airlock.platform.transfer.TransferLedger;
import io.airlock.requestside.requests.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin")
class TransferLedgerController {

  private final TransferLedger ledger;

  TransferLedgerController(TransferLedger ledger) {
    this.ledger = ledger;
  }

  @GetMapping("/admin/export-batches")
  @Operation(summary = "Batches this side sent, newest first, by channel and state")
  AdminPage<TransferLedger.ExportBatch> exports(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String state) {
    Paging paging = Paging.of(page, size);
    String ch = Filters.channel(channel);
    String st = Filters.oneOf("state", state, TransferLedger.EXPORT_STATES);
    return AdminPage.of(
        ledger.exports(ch, st, paging.size(), paging.offset()),
        paging,
        ledger.countExports(ch, st));
  }

  @GetMapping("/admin/import-batches")
  @Operation(
      summary = "Batches that arrived, newest first, with their outcome and quarantined records")
  AdminPage<TransferLedger.ImportBatch> imports(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String outcome) {
    Paging paging = Paging.of(page, size);
    String ch = Filters.channel(channel);
    String out = Filters.oneOf("outcome", outcome, TransferLedger.IMPORT_OUTCOMES);
    return AdminPage.of(
        ledger.imports(ch, out, paging.size(), paging.offset()),
        paging,
        ledger.countImports(ch, out));
  }
}
