package io.airlock.responseside.outbound;

import io.airlock.console.ConsolePages;
import java.io.IOException;
import java.io.Serializable;
import java.security.Principal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Send a directory snapshot now", from the directory's page: as {@code POST
 * /admin/directory/snapshot}.
 */
@ConsolePages
class SnapshotPages {

  private final DirectorySnapshots snapshots;

  SnapshotPages(DirectorySnapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** What the page says after it: a flash attribute, kept in the session. */
  record Flash(String key) implements Serializable {}

  @PostMapping("/console/directory/snapshot")
  String take(Principal operator, RedirectAttributes flash) throws IOException {
    boolean taken = snapshots.take(operator.getName()).isPresent();
    flash.addFlashAttribute(
        "flash",
        new Flash(taken ? "response.directory.snapshot-sent" : "response.directory.snapshot-busy"));
    return "redirect:/console/directory";
  }
}
