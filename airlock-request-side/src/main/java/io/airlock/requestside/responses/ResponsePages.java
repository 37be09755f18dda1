package io.airlock.requestside.responses;

import io.airlock.console.ConsolePages;
import io.airlock.requestside.users.Caller;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The console's downloads of a response: the same files as the API gives by {@code Accept}. */
@ConsolePages
class ResponsePages {

  private final StoredResponses responses;
  private final ResultDownloads downloads;
  private final JsonMapper json;

  ResponsePages(StoredResponses responses, ResultDownloads downloads, JsonMapper json) {
    this.responses = responses;
    this.downloads = downloads;
    this.json = json;
  }

  @GetMapping("/console/requests/{id}/download")
  ResponseEntity<byte[]> download(
      @AuthenticationPrincipal Caller caller,
      @PathVariable UUID id,
      @RequestParam(defaultValue = "json") String format) {
    ResultDownloads.Format chosen;
    try {
      chosen = ResultDownloads.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      chosen = ResultDownloads.Format.JSON;
    }
    return downloads.file(id, json.readTree(responses.of(caller, id).result()), chosen);
  }
}
