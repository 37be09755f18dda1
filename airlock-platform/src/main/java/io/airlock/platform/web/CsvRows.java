package io.airlock.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Rows of CSV (RFC 4180) written as they come, for the exports of logs: a header, then one row per
 * entry, each field quoted when it needs to be and defused when a spreadsheet would take it for a
 * formula.
 */
public final class CsvRows {

  private final Writer out;

  /** Starts the file with its header row. */
  public CsvRows(Writer out, String header) throws IOException {
    this.out = out;
    out.write(header + "\r\n");
  }

  /** Writes one row of fields, null ones empty. */
  public void row(String... fields) {
    try {
      out.write(Arrays.stream(fields).map(CsvRows::field).collect(Collectors.joining(",")));
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Quotes what needs quoting. A value a spreadsheet would take for a formula (usernames and
   * details come from users) is prefixed with an apostrophe, so opening the export runs nothing.
   */
  public static String field(String value) {
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
