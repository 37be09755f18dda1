package io.airlock.requestside.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A search result's hits as files: NDJSON (one hit a line, as the engine gave it) and CSV (one hit
 * a row: {@code _id}, then each {@code _source} field, nested objects flattened to dotted names,
 * arrays as JSON). The same for the API ({@code Accept}) and the console's downloads.
 */
@Component
public class ResultDownloads {

  /** The files a result is downloaded as. */
  public enum Format {
    /** The whole result, as the engine gave it. */
    JSON("application/json", "json"),
    /** One hit a line. */
    NDJSON("application/x-ndjson", "ndjson"),
    /** One hit a row, per RFC 4180, with cells a spreadsheet would run as formulas made inert. */
    CSV("text/csv", "csv");

    private final String mediaType;
    private final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  /** A result without hits (a count, aggregations) has no rows to give. */
  static class NoHits extends ErrorResponseException {
    NoHits(UUID id) {
      super(
          HttpStatus.NOT_ACCEPTABLE,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_ACCEPTABLE,
              "The response to request "
                  + id
                  + " holds no hits to give as rows; ask for application/json."),
          null);
    }
  }

  private final JsonMapper json;

  ResultDownloads(JsonMapper json) {
    this.json = json;
  }

  /** The result of request {@code id} as a file to download, named after the request. */
  public ResponseEntity<byte[]> file(UUID id, JsonNode result, Format format) {
    if (format != Format.JSON && !hasHits(result)) {
      throw new NoHits(id);
    }
    byte[] body =
        switch (format) {
          case JSON -> json.writerWithDefaultPrettyPrinter().writeValueAsBytes(result);
          case NDJSON -> ndjson(result);
          case CSV -> csv(result);
        };
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(format.mediaType + "; charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(id + "." + format.extension)
                .build()
                .toString())
        .cacheControl(CacheControl.noCache().cachePrivate())
        .varyBy(HttpHeaders.ACCEPT)
        .body(body);
  }

  /** Whether the result has hits to give as rows (a search's; not a count or aggregations only). */
  boolean hasHits(JsonNode result) {
    JsonNode hits = result.path("hits").path("hits");
    return hits.isArray() && !hits.isEmpty();
  }

  byte[] ndjson(JsonNode result) {
    StringBuilder lines = new StringBuilder();
    for (JsonNode hit : result.path("hits").path("hits")) {
      lines.append(json.writeValueAsString(hit)).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  byte[] csv(JsonNode result) {
    List<Map<String, String>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    columns.add("_id");
    for (JsonNode hit : result.path("hits").path("hits")) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("_id", hit.path("_id").asString(""));
      flatten("", hit.path("_source"), row);
      columns.addAll(row.keySet());
      rows.add(row);
    }
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", columns.stream().map(ResultDownloads::cell).toList()))
        .append("\r\n");
    for (Map<String, String> row : rows) {
      csv.append(
              String.join(",", columns.stream().map(c -> cell(row.getOrDefault(c, ""))).toList()))
          .append("\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void flatten(String prefix, JsonNode node, Map<String, String> row) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        flatten(prefix + field.getKey() + ".", field.getValue(), row);
      }
    } else if (!node.isMissingNode() && !prefix.isEmpty()) {
      String name = prefix.substring(0, prefix.length() - 1);
      row.put(
          name,
          node.isNull()
              ? ""
              : node.isValueNode() ? node.asString() : json.writeValueAsString(node));
    }
  }

  // Quoted when it must be; a leading =, +, -, @, tab or CR gets a ' so that no spreadsheet runs
  // it.
  private static String cell(String value) {
    String text =
        !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value)
            ? "'" + value
            : value;
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static boolean isNumber(String value) {
    try {
      Double.parseDouble(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
