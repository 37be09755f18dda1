package io.airlock.e2e;

import io.airlock.requestside.RequestSideApplication;
import io.airlock.responseside.ResponseSideApplication;
import io.airlock.searchnode.SearchNodeLauncher;
import io.airlock.transfer.shuttle.Shuttle;
import io.airlock.transfer.shuttle.ShuttleFaults;
import io.airlock.transfer.shuttle.ShuttleStats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both sides, each with its own database, folders and keys, the shared search node behind the
 * response side, and a shuttle carrying files between their outboxes and inboxes: a whole Airlock
 * on one machine, driven through its public HTTP APIs only.
 */
final class TwoSides implements AutoCloseable {

  static final String ADMIN_PASSWORD = "e2e-admin-password";

  /**
   * A profile type every start creates, with quotas no test reaches: for tests that send more
   * requests than the standard profile's ten a minute.
   */
  static final String BULK_PROFILE = "e2e-bulk";

  static final String USER_PASSWORD = "a long enough password";
  private static final Duration SHUTTLE_TICK = Duration.ofMillis(50);
  // Generous: a loaded two-core machine runs both sides, the search node and the build at once.
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  // A fixed signing key, so that tokens outlive a restart of a request side in its own JVM.
  private static final String JWT_SECRET = "e2e-jwt-secret-of-at-least-thirty-two-bytes";

  private final Side responseSide;
  private final Side requestSide;
  private final Shuttle shuttle;
  private final HttpClient http = HttpClient.newHttpClient();

  private TwoSides(Side responseSide, Side requestSide, Shuttle shuttle) {
    this.responseSide = responseSide;
    this.requestSide = requestSide;
    this.shuttle = shuttle;
  }

  /** Which side, if any, runs in a JVM of its own (a {@link SideProcess}) so it can be killed. */
  enum OwnJvm {
    NEITHER,
    REQUEST_SIDE,
    RESPONSE_SIDE
  }

  /**
   * Extra settings for either side, e.g. a slower exporter or a single executor worker, and how the
   * shuttle treats the batches it carries.
   */
  record Settings(
      List<String> requestSide, List<String> responseSide, ShuttleFaults faults, OwnJvm ownJvm) {

    static final Settings DEFAULTS = new Settings(List.of(), List.of());

    Settings(List<String> requestSide, List<String> responseSide) {
      this(requestSide, responseSide, ShuttleFaults.NONE);
    }

    Settings(List<String> requestSide, List<String> responseSide, ShuttleFaults faults) {
      this(requestSide, responseSide, faults, OwnJvm.NEITHER);
    }
  }

  static TwoSides start(Path root) throws IOException {
    return start(root, Settings.DEFAULTS);
  }

  static TwoSides start(Path root, Settings settings) throws IOException {
    Path requestDir = root.resolve("request");
    Path responseDir = root.resolve("response");
    SideLauncher.createKeys(requestDir, responseDir);
    List<String> responseArgs =
        new ArrayList<>(
            List.of(
                "--airlock.bootstrap.admin-password=" + ADMIN_PASSWORD,
                "--airlock.search.url=" + SearchNodeLauncher.shared().url(),
                "--airlock.directory.export-interval=100ms",
                "--airlock.executor.poll-interval=50ms"));
    overrideWith(responseArgs, settings.responseSide());
    Side responseSide =
        settings.ownJvm() == OwnJvm.RESPONSE_SIDE
            ? SideLauncher.startProcess(
                ResponseSideApplication.class, responseDir, requestDir, responseArgs)
            : SideLauncher.start(
                ResponseSideApplication.builder(), responseDir, requestDir, responseArgs);
    List<String> requestArgs =
        new ArrayList<>(
            List.of(
                "--airlock.inbox.scan-interval=1s",
                "--airlock.auth.jwt.secret=" + JWT_SECRET,
                // The tests follow requests by polling, far more often than people do.
                "--airlock.rate-limits.authenticated=1000000",
                "--airlock.rate-limits.anonymous=1000000",
                "--airlock.rate-limits.login-per-address=1000000",
                "--airlock.rate-limits.login-per-username=1000000"));
    overrideWith(requestArgs, settings.requestSide());
    Side requestSide =
        settings.ownJvm() == OwnJvm.REQUEST_SIDE
            ? SideLauncher.startProcess(
                RequestSideApplication.class, requestDir, responseDir, requestArgs)
            : SideLauncher.start(
                RequestSideApplication.builder(), requestDir, responseDir, requestArgs);
    Shuttle shuttle =
        new Shuttle(
            List.of(
                new Shuttle.Route(
                    "response → request",
                    responseDir.resolve("outbox"),
                    requestDir.resolve("inbox")),
                new Shuttle.Route(
                    "request → response",
                    requestDir.resolve("outbox"),
                    responseDir.resolve("inbox"))),
            settings.faults(),
            new Random(1));
    shuttle.start(SHUTTLE_TICK);
    TwoSides airlock = new TwoSides(responseSide, requestSide, shuttle);
    airlock.createBulkProfile();
    return airlock;
  }

  private void createBulkProfile() {
    try {
      HttpResponse<String> created =
          asAdmin(
              "POST",
              "/admin/profile-types",
              """
              {"name":"%s","per_minute":100000,"per_hour":1000000,"per_day":10000000,
               "max_priority":5,"allowed_indices":["incidents","assets"],"max_result_size":1000}"""
                  .formatted(BULK_PROFILE));
      if (created.statusCode() != 201) {
        throw new IllegalStateException("could not create the bulk profile: " + created.body());
      }
      // Users of it may arrive on the request side first; requests wait for their profile type.
      Awaitility.await("the bulk profile reaching the request side")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  requestSide
                          .database()
                          .sql("select count(*) from profile_types where name = :name")
                          .param("name", BULK_PROFILE)
                          .query(Long.class)
                          .single()
                      > 0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds the extra arguments, each replacing a default for the same setting. */
  private static void overrideWith(List<String> defaults, List<String> extra) {
    for (String argument : extra) {
      String name = argument.substring(0, argument.indexOf('=') + 1);
      defaults.removeIf(existing -> existing.startsWith(name));
      defaults.add(argument);
    }
  }

  /**
   * Stops carrying files in both directions, so what either side exports waits in its outbox and
   * then crosses at once on {@link #resumeShuttle()}. Returns after any tick under way has ended.
   */
  void pauseShuttle() {
    shuttle.close();
  }

  void resumeShuttle() {
    shuttle.start(SHUTTLE_TICK);
  }

  /**
   * Stops the response side's executor workers, so imported requests stay queued there (received,
   * not executed) until {@link #releaseExecutor()}: how a backlog builds behind a busy engine.
   */
  void holdExecutor() {
    executor().stop();
  }

  void releaseExecutor() {
    executor().start();
  }

  private Lifecycle executor() {
    return ((InProcessSide) responseSide).context().getBean("workers", Lifecycle.class);
  }

  /** The side running in its own JVM. */
  SideProcess ownJvm() {
    return (SideProcess) (requestSide instanceof SideProcess ? requestSide : responseSide);
  }

  /** What the shuttle has done to the batches so far. */
  ShuttleStats shuttleStats() {
    return shuttle.stats();
  }

  /** The base URL of the request side's HTTP API, for clients other than this class. */
  String requestSideUrl() {
    return requestSide.url();
  }

  /** The request side's database, for checks the public API does not answer. */
  JdbcClient requestSideDatabase() {
    return requestSide.database();
  }

  /** The response side's database, for checks the public API does not answer. */
  JdbcClient responseSideDatabase() {
    return responseSide.database();
  }

  /** Creates a user with the standard profile on the response side; returns their id. */
  String createUser(String username) throws Exception {
    return createUser(username, "standard");
  }

  /** Creates a user with the given profile type on the response side; returns their id. */
  String createUser(String username, String profileType) throws Exception {
    HttpResponse<String> created =
        asAdmin(
            "POST",
            "/admin/users",
            """
            {"username":"%s","email":"%s@example.org","display_name":"Ann Analyst",
             "role":"user","profile_type":"%s","password":"%s"}"""
                .formatted(username, username, profileType, USER_PASSWORD));
    if (created.statusCode() != 201) {
      throw new IllegalStateException("could not create " + username + ": " + created.body());
    }
    return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  /**
   * Waits until the user created on the response side can log in on the request side; returns their
   * access token there.
   */
  String signIn(String username) throws Exception {
    HttpResponse<String> login = eventually(() -> login(username), r -> r.statusCode() == 200);
    if (login.statusCode() != 200) {
      throw new IllegalStateException(username + " cannot log in: " + login.body());
    }
    return JsonMapper.shared().readTree(login.body()).path("access_token").asString();
  }

  /** A call to the response side's admin API with the bootstrap admin's credentials. */
  HttpResponse<String> asAdmin(String method, String path, String json) throws Exception {
    return onResponseSide("admin", ADMIN_PASSWORD, method, path, json);
  }

  /** A call to the response side's API with HTTP Basic credentials. */
  HttpResponse<String> onResponseSide(
      String username, String password, String method, String path, String json) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(responseSide.url() + path))
            .header("Authorization", "Basic " + basic)
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A side's metrics ({@code request} or {@code response}), with an Authorization header. */
  HttpResponse<String> scrape(String side, String authorization) throws Exception {
    String url = (side.equals("request") ? requestSide : responseSide).url();
    return send(
        HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
            .header("Authorization", authorization)
            .GET());
  }

  /** Logs in on the request side with the password users are created with. */
  HttpResponse<String> login(String username) throws Exception {
    return login(username, USER_PASSWORD);
  }

  HttpResponse<String> login(String username, String password) throws Exception {
    return onRequestSide(
        "POST",
        "/auth/login",
        null,
        "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
  }

  /** A call straight to the search node the response side queries, bypassing Airlock. */
  HttpResponse<String> onSearchNode(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(SearchNodeLauncher.shared().url() + path))
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A call to the request side's API, with a bearer token unless it is null. */
  HttpResponse<String> onRequestSide(String method, String path, String token, String json)
      throws Exception {
    return onRequestSide(method, path, token, json, Map.of());
  }

  /** A call to the request side's API with extra headers, and a bearer token unless null. */
  HttpResponse<String> onRequestSide(
      String method, String path, String token, String json, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(requestSide.url() + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return send(request);
  }

  /** Repeats a call until its answer satisfies the condition or a minute has passed. */
  static HttpResponse<String> eventually(Call call, Predicate<HttpResponse<String>> done)
      throws Exception {
    AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
    try {
      Awaitility.await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                last.set(call.send());
                return done.test(last.get());
              });
    } catch (ConditionTimeoutException e) {
      // The last answer goes back as it is: the caller's assertion says what is wrong with it.
    }
    return last.get();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    shuttle.close();
    requestSide.close();
    responseSide.close();
  }

  @FunctionalInterface
  interface Call {
    HttpResponse<String> send() throws Exception;
  }
}
