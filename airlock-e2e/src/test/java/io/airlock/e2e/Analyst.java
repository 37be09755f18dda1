package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user signed in on the request side, submitting and following requests through its API. */
final class Analyst {

  // A request in one of these has no answer yet; every other status is final.
  private static final Set<String> WAITING = Set.of("pending", "exported", "cancelling");

  private final TwoSides airlock;
  private final String token;
  private final JsonMapper json = JsonMapper.shared();

  private Analyst(TwoSides airlock, String token) {
    this.airlock = airlock;
    this.token = token;
  }

  /** Creates the user on the response side and waits until they can sign in on the request side. */
  static Analyst signedIn(TwoSides airlock, String username, String profileType) throws Exception {
    airlock.createUser(username, profileType);
    return new Analyst(airlock, airlock.signIn(username));
  }

  /** Signs in an account that exists already, waiting until the request side knows it. */
  static Analyst signedInAgain(TwoSides airlock, String username) throws Exception {
    return new Analyst(airlock, airlock.signIn(username));
  }

  /** Submits a request and returns its id; fails the test unless it is accepted. */
  String submit(String request) throws Exception {
    return submit(request, Map.of());
  }

  /** Submits a request with extra headers and returns its id, failing unless it is accepted. */
  String submit(String request, Map<String, String> headers) throws Exception {
    HttpResponse<String> accepted =
        airlock.onRequestSide("POST", "/requests", token, request, headers);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json.readTree(accepted.body()).path("id").asString();
  }

  /**
   * Submits a request to a side that may be down or dying; returns its id if it was accepted, empty
   * if the side refused it or could not answer (it may still have stored it).
   */
  Optional<String> trySubmit(String request) {
    return trySubmit(request, Map.of());
  }

  /**
   * Submits a request with an {@code Idempotency-Key}; returns its id if the answer was a 202,
   * empty if there was no answer (the side was down or died) or another one.
   */
  Optional<String> trySubmit(String request, String idempotencyKey) {
    return trySubmit(request, Map.of("Idempotency-Key", idempotencyKey));
  }

  private Optional<String> trySubmit(String request, Map<String, String> headers) {
    try {
      HttpResponse<String> accepted =
          airlock.onRequestSide("POST", "/requests", token, request, headers);
      return accepted.statusCode() == 202
          ? Optional.of(json.readTree(accepted.body()).path("id").asString())
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  JsonNode status(String id) throws Exception {
    return json.readTree(call("GET", "/requests/" + id + "/status", null).body());
  }

  /** Waits until the request has an answer, and returns its status then. */
  JsonNode awaitFinished(String id) throws Exception {
    return awaitStatus(id, status -> !WAITING.contains(status));
  }

  /** Waits until the request's status is the one given, and returns its status then. */
  JsonNode awaitStatus(String id, String wanted) throws Exception {
    return awaitStatus(id, wanted::equals);
  }

  HttpResponse<String> cancel(String id) throws Exception {
    return call("DELETE", "/requests/" + id, null);
  }

  /** The answer as the request side serves it. */
  JsonNode response(String id) throws Exception {
    HttpResponse<String> response = call("GET", "/requests/" + id + "/response", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode awaitStatus(String id, Predicate<String> done) throws Exception {
    HttpResponse<String> status =
        TwoSides.eventually(
            () -> call("GET", "/requests/" + id + "/status", null),
            r -> done.test(json.readTree(r.body()).path("status").asString()));
    return json.readTree(status.body());
  }

  /**
   * Creates an API key of theirs with the scopes given; returns it encoded as Elasticsearch clients
   * send it ({@code Authorization: ApiKey <encoded>}), checked against the key's id and secret.
   */
  String elasticsearchApiKey(String... scopes) throws Exception {
    HttpResponse<String> created =
        call(
            "POST",
            "/api-keys",
            json.writeValueAsString(Map.of("name", "e2e-es-client", "scopes", List.of(scopes))));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode key = json.readTree(created.body());
    String idAndSecret = key.path("id").asString() + ":" + key.path("key").asString();
    assertThat(key.path("encoded").asString())
        .as("encoded = base64(id:key) in %s", created.body())
        .isEqualTo(
            Base64.getEncoder().encodeToString(idAndSecret.getBytes(StandardCharsets.UTF_8)));
    return key.path("encoded").asString();
  }

  HttpResponse<String> call(String method, String path, String body) throws Exception {
    return airlock.onRequestSide(method, path, token, body);
  }
}
