package io.airlock.responseside.outbound;

import java.io.IOException;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Sends a full directory snapshot now, e.g. after a request side was restored from a backup. 202:
 * the parts are in the outbox when this answers, but the request side has them only once they
 * crossed.
 */
@RestController
class SnapshotController {

  private final DirectorySnapshots snapshots;

  SnapshotController(DirectorySnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @PostMapping("/admin/directory/snapshot")
  @ResponseStatus(HttpStatus.ACCEPTED)
  SnapshotView take(Principal admin) throws IOException {
    return snapshots
        .take(admin.getName())
        .map(SnapshotView::of)
        .orElseThrow(SnapshotInProgress::new);
  }

  @ExceptionHandler
  ProblemDetail inProgress(SnapshotInProgress ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    problem.setTitle("Snapshot in progress");
    return problem;
  }

  // The parts allocated so far are published once the outbox is back; the rest never are, so the
  // request side never takes this snapshot as complete and the admin asks again.
  @ExceptionHandler
  ProblemDetail outboxUnwritable(IOException ex) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The snapshot could not be written to the outbox; ask again once it is writable.");
    problem.setTitle("Outbox unwritable");
    return problem;
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record SnapshotView(UUID snapshotId, long asOfVersion, int partCount, int recordCount) {

    static SnapshotView of(DirectorySnapshot snapshot) {
      return new SnapshotView(
          snapshot.id(), snapshot.asOfVersion(), snapshot.partCount(), snapshot.recordCount());
    }
  }

  /** Another snapshot is being taken, here or on another instance. */
  static class SnapshotInProgress extends RuntimeException {

    SnapshotInProgress() {
      super("A directory snapshot is being taken; ask again once it is sent.");
    }
  }
}
