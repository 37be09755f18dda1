package io.airlock.requestside.admin;

import io.airlock.platform.transfer.TransferBatches;
import io.airlock.platform.transfer.TransferLedger;
import io.airlock.requestside.requests.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin")
class TransferLedgerController {

  private final TransferLedger ledger;
  private final TransferBatches batches;

  TransferLedgerController(TransferLedger ledger, TransferBatches batches) {
    this.ledger = ledger;
    this.batches = batches;
  }

  /** No such batch in the ledger, or its files are no longer held. */
  static class BatchNotFound extends ErrorResponseException {
    BatchNotFound(String detail) {
      super(HttpStatus.NOT_FOUND, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
      problem.setTitle("Batch not found");
      return problem;
    }
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

  @GetMapping("/admin/export-batches/{batchId}")
  @Operation(summary = "A sent batch: what the peer said of it, its manifest and its files held")
  TransferBatches.Sent export(@PathVariable UUID batchId) throws IOException {
    return batches
        .sent(batchId)
        .orElseThrow(() -> new BatchNotFound("This side sent no batch " + batchId + "."));
  }

  @GetMapping(value = "/admin/export-batches/{batchId}/files", produces = TransferBatches.ZIP)
  @Operation(
      summary = "A sent batch's manifest and payload as a ZIP archive, until it is pruned",
      responses =
          @ApiResponse(
              responseCode = "200",
              content =
                  @Content(mediaType = TransferBatches.ZIP, schema = @Schema(type = "string"))))
  void exportFiles(@PathVariable UUID batchId, HttpServletResponse response) throws IOException {
    batches
        .downloadSent(batchId)
        .orElseThrow(
            () ->
                new BatchNotFound(
                    "No files of batch " + batchId + " are held: unknown, or pruned."))
        .send(response);
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

  @GetMapping("/admin/import-batches/{id}")
  @Operation(
      summary =
          "A batch that arrived: its outcome and reason, its quarantined records, its manifest")
  TransferBatches.Received received(@PathVariable long id) throws IOException {
    return batches
        .received(id)
        .orElseThrow(() -> new BatchNotFound("No batch arrived with the ledger id " + id + "."));
  }

  @GetMapping(value = "/admin/import-batches/{id}/files", produces = TransferBatches.ZIP)
  @Operation(
      summary = "A received batch's files (with the reason, if it was refused) as a ZIP archive",
      responses =
          @ApiResponse(
              responseCode = "200",
              content =
                  @Content(mediaType = TransferBatches.ZIP, schema = @Schema(type = "string"))))
  void receivedFiles(@PathVariable long id, HttpServletResponse response) throws IOException {
    batches
        .downloadReceived(id)
        .orElseThrow(() -> new BatchNotFound("No files of the received batch " + id + " are held."))
        .send(response);
  }
}
