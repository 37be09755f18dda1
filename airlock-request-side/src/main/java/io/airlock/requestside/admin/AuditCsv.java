package io.airlock.requestside.admin;

import io.airlock.platform.web.CsvRows;
import io.airlock.requestside.audit.AuditTrail;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/** Audit entries as CSV (RFC 4180): a header row, then one row per entry. */
final class AuditCsv {

  static final String HEADER = "id,at,actor,action,resource,outcome,client_ip,request_id,detail";

  private final CsvRows rows;

  AuditCsv(Writer out) throws IOException {
    this.rows = new CsvRows(out, HEADER);
  }

  /**
   * Answers with the entries {@code filter} matches as a CSV attachment, written as the rows are
   * read: the whole log is never held in memory.
   */
  static void export(AuditTrail trail, AuditTrail.Filter filter, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/csv;charset=UTF-8");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("audit-logs.csv").build().toString());
    Writer out = response.getWriter();
    AuditCsv csv = new AuditCsv(out);
    trail.forEach(filter, csv::write);
    out.flush();
  }

  void write(AuditTrail.Entry entry) {
    rows.row(
        Long.toString(entry.id()),
        entry.at().toString(),
        entry.actor(),
        entry.action(),
        entry.resource(),
        entry.outcome(),
        entry.clientIp(),
        entry.requestId(),
        entry.detail());
  }
}
