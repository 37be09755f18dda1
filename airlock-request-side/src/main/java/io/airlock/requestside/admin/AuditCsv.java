package io.airlock.requestside.admin;

import io.airlock.requestside.audit.AuditTrail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/** Audit entries as CSV (RFC 4180): a header row, then one row per entry. */
final class AuditCsv {

  static final String HEADER = "id,at,actor,action,resource,outcome,client_ip,request_id,detail";

  private final Writer out;

  AuditCsv(Writer out) throws IOException {
    this.out = out;
    out.write(HEADER + "\r\n");
  }

  void write(AuditTrail.Entry entry) {
    try {
      out.write(
          String.join(
              ",",
              Long.toString(entry.id()),
              field(entry.at()),
              field(entry.actor()),
              field(entry.action()),
              field(entry.resource()),
              field(entry.outcome()),
              field(entry.clientIp()),
              field(entry.requestId()),
              field(entry.detail())));
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  /**
   * Quotes what needs quoting. A value a spreadsheet would take for a formula (usernames and
   * details come from users) is prefixed with an apostrophe, so opening the export runs nothing.
   */
  static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
