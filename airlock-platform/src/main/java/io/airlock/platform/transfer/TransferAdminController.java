package io.airlock.platform.transfer;

import io.airlock.transfer.batch.BatchName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's re-send over a strictly one-way medium (DESIGN §2): no ack will ever ask for a
 * lost batch there, so an operator re-sends a range of a channel by hand. Under {@code /admin},
 * which both sides reserve for admins.
 */
@RestController
@Tag(name = "Transfer")
class TransferAdminController {

  private final LinkMaintenance link;

  TransferAdminController(LinkMaintenance link) {
    this.link = link;
  }

  /**
   * @param from the first sequence to re-send
   * @param to the last, at most {@value LinkMaintenance#MAX_RANGE} sequences after {@code from};
   *     {@code from} alone when absent
   */
  record ResendForm(
      @NotNull @Min(1) @Max(BatchName.MAX_SEQUENCE) Long from,
      @Min(1) @Max(BatchName.MAX_SEQUENCE) Long to) {}

  /**
   * @param resent written to the outbox again, byte-identical
   * @param pruned acknowledged and pruned after the retention period: no longer available
   * @param unknown never sent by this node's current epoch
   */
  record ResendAnswer(String channel, List<Long> resent, List<Long> pruned, List<Long> unknown) {}

  @PostMapping("/admin/transfer/channels/{channel}/resend")
  @Operation(
      summary =
          "Publishes a range of a channel's batches again, byte-identical, for a one-way medium")
  ResendAnswer resend(@PathVariable String channel, @Valid @RequestBody ResendForm form)
      throws IOException {
    LinkMaintenance.RangeResent result = link.resend(channel, form.from(), form.to());
    // The channel passed the check by its exact wire name.
    return new ResendAnswer(channel, result.resent(), result.pruned(), result.unknown());
  }

  @ExceptionHandler(LinkMaintenance.LinkBusy.class)
  ResponseEntity<ProblemDetail> busy(LinkMaintenance.LinkBusy busy) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, busy.getMessage());
    problem.setTitle("Link busy");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem);
  }
}
