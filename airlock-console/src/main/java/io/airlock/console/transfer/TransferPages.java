package io.airlock.console.transfer;

import io.airlock.console.ConsolePages;
import io.airlock.console.PrettyJson;
import io.airlock.platform.transfer.LinkMaintenance;
import io.airlock.platform.transfer.TransferBatches;
import io.airlock.platform.transfer.TransferLedger;
import io.airlock.platform.transfer.TransferLinks;
import io.airlock.platform.web.InvalidField;
import io.airlock.transfer.Channel;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batches that crossed the gap, for either side's admins: the links' state, an export and an
 * import tab, each batch's details (manifest, acknowledgement, reason and quarantined records) and
 * files, and the operator's re-send of a range. The same {@link TransferLedger}, {@link
 * TransferBatches} and {@link LinkMaintenance} as the admin API's batch and resend endpoints. Both
 * sides show it at {@code /console/admin/batches} (registered by {@link
 * TransferPagesAutoConfiguration}).
 */
@ConsolePages
public class TransferPages {

  static final int PAGE_SIZE = 25;

  static final List<String> CHANNELS =
      Arrays.stream(Channel.values()).map(Channel::wireName).toList();

  private final TransferLedger ledger;
  private final TransferBatches batches;
  private final TransferLinks links;
  private final LinkMaintenance link;
  private final JsonMapper json;

  TransferPages(
      TransferLedger ledger,
      TransferBatches batches,
      TransferLinks links,
      LinkMaintenance link,
      JsonMapper json) {
    this.ledger = ledger;
    this.batches = batches;
    this.links = links;
    this.link = link;
    this.json = json;
  }

  /** What a re-send did, for the page it returns to: a flash attribute, kept in the session. */
  record Resent(String channel, List<Long> resent, List<Long> pruned, List<Long> unknown)
      implements Serializable {}

  @GetMapping("/console/admin/batches")
  String list(
      @RequestParam(defaultValue = "export") String tab,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String outcome,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    boolean imports = "import".equals(tab);
    String ch = oneOf("channel", channel, CHANNELS);
    int pageNumber = Math.max(0, page);
    long offset = (long) pageNumber * PAGE_SIZE;
    long total;
    if (imports) {
      String out = oneOf("outcome", outcome, TransferLedger.IMPORT_OUTCOMES);
      model.addAttribute("received", ledger.imports(ch, out, PAGE_SIZE, offset));
      total = ledger.countImports(ch, out);
    } else {
      String st = oneOf("state", state, TransferLedger.EXPORT_STATES);
      model.addAttribute("sent", ledger.exports(ch, st, PAGE_SIZE, offset));
      total = ledger.countExports(ch, st);
    }
    model.addAttribute("incoming", links.incoming());
    model.addAttribute("outgoing", links.outgoing());
    model.addAttribute("tab", imports ? "import" : "export");
    model.addAttribute("channels", CHANNELS);
    model.addAttribute("states", TransferLedger.EXPORT_STATES);
    model.addAttribute("outcomes", TransferLedger.IMPORT_OUTCOMES);
    model.addAttribute("maxRange", LinkMaintenance.MAX_RANGE);
    model.addAttribute("page", pageNumber);
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "transfer/batches";
  }

  /** A sent batch: a page of its own, and the drawer's content (#drawer-content). */
  @GetMapping("/console/admin/batches/export/{batchId}")
  String sent(@PathVariable UUID batchId, Model model) throws IOException {
    TransferBatches.Sent sent = batches.sent(batchId).orElseThrow(TransferPages::notFound);
    model.addAttribute("sent", sent);
    model.addAttribute("manifest", PrettyJson.of(json, sent.manifest()));
    return "transfer/batch-sent";
  }

  /** A received batch: a page of its own, and the drawer's content (#drawer-content). */
  @GetMapping("/console/admin/batches/import/{id}")
  String received(@PathVariable long id, Model model) throws IOException {
    TransferBatches.Received received = batches.received(id).orElseThrow(TransferPages::notFound);
    model.addAttribute("received", received);
    model.addAttribute("manifest", PrettyJson.of(json, received.manifest()));
    return "transfer/batch-received";
  }

  @GetMapping("/console/admin/batches/export/{batchId}/files")
  void sentFiles(@PathVariable UUID batchId, HttpServletResponse response) throws IOException {
    batches.downloadSent(batchId).orElseThrow(TransferPages::notFound).send(response);
  }

  @GetMapping("/console/admin/batches/import/{id}/files")
  void receivedFiles(@PathVariable long id, HttpServletResponse response) throws IOException {
    batches.downloadReceived(id).orElseThrow(TransferPages::notFound).send(response);
  }

  @PostMapping("/console/admin/batches/resend")
  String resend(
      @RequestParam String channel,
      @RequestParam long from,
      @RequestParam(required = false) Long to,
      RedirectAttributes flash)
      throws IOException {
    try {
      LinkMaintenance.RangeResent done = link.resend(channel, from, to);
      flash.addFlashAttribute(
          "resent", new Resent(channel, done.resent(), done.pruned(), done.unknown()));
    } catch (LinkMaintenance.LinkBusy busy) {
      flash.addFlashAttribute("busy", true);
    }
    return "redirect:/console/admin/batches?tab=export&channel=" + channel;
  }

  /** The value, lower-cased, if it is one of {@code allowed}; null when not given. */
  private static String oneOf(String field, String value, List<String> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String lower = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw new InvalidField(field, "must be one of " + String.join(", ", allowed));
    }
    return lower;
  }

  private static ResponseStatusException notFound() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND);
  }
}
