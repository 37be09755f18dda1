package io.airlock.standalone;

import io.airlock.requestside.RequestSideApplication;
import io.airlock.responseside.ResponseSideApplication;
import io.airlock.searchnode.RunningSearchNode;
import io.airlock.searchnode.SearchNodeLauncher;
import io.airlock.transfer.shuttle.Shuttle;
import io.airlock.transfer.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Airlock on embedded defaults: the search node, the response side, the request side and the
 * shuttle between their folders, each side with its own embedded PostgreSQL and its own signing
 * key, trusting the other's. Closing it stops everything in reverse order.
 */
public final class Standalone implements AutoCloseable {

  /** The response side's profile with the demo admin (response-side-demo.yml). */
  static final String DEMO_PROFILE = "demo";

  /**
   * The demo's metrics scrape token on both sides, also in {@code
   * deploy/observability/prometheus/prometheus.yml}; public, like the demo's passwords.
   */
  public static final String DEMO_SCRAPE_TOKEN = "airlock-demo-scrape-token-change-me";

  private final StandaloneSettings settings;
  private final List<AutoCloseable> started = new ArrayList<>();
  private RunningSearchNode searchNode;
  private ConfigurableApplicationContext responseSide;
  private ConfigurableApplicationContext requestSide;
  private Shuttle shuttle;

  private Standalone(StandaloneSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts everything; {@code args} are passed to both sides (e.g. {@code --logging.level...}). On
   * failure whatever had started is stopped again.
   */
  public static Standalone start(StandaloneSettings settings, String... args) throws IOException {
    Standalone standalone = new Standalone(settings);
    try {
      standalone.startAll(args);
      return standalone;
    } catch (IOException | RuntimeException e) {
      standalone.close();
      throw e;
    }
  }

  private void startAll(String[] args) throws IOException {
    SideKeys requestKeys = SideKeys.ensure(settings.requestSideDir(), "request");
    SideKeys responseKeys = SideKeys.ensure(settings.responseSideDir(), "response");

    searchNode = SearchNodeLauncher.start(settings.searchDir(), settings.searchPort(), true);
    started.add(searchNode);
    responseSide =
        run(
            ResponseSideApplication.builder().profiles(DEMO_PROFILE),
            withSearch(
                side(
                    settings.responseSideDir(),
                    settings.responsePort(),
                    responseKeys,
                    requestKeys)),
            args);
    requestSide =
        run(
            RequestSideApplication.builder(),
            side(settings.requestSideDir(), settings.requestPort(), requestKeys, responseKeys),
            args);

    shuttle =
        new Shuttle(
            List.of(
                new Shuttle.Route(
                    "request → response",
                    outbox(settings.requestSideDir()),
                    inbox(settings.responseSideDir())),
                new Shuttle.Route(
                    "response → request",
                    outbox(settings.responseSideDir()),
                    inbox(settings.requestSideDir()))),
            settings.shuttle().faults(),
            new Random());
    shuttle.start(settings.shuttle().interval());
    started.add(shuttle);
  }

  /**
   * Runs a side with the standalone's settings as command-line arguments: they must beat the side's
   * own file (which sets {@code server.port}), and the user's arguments come last to win.
   */
  private ConfigurableApplicationContext run(
      SpringApplicationBuilder builder, List<String> settings, String[] args) {
    List<String> arguments = new ArrayList<>(settings);
    arguments.addAll(List.of(args));
    ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new));
    started.add(context);
    return context;
  }

  private static List<String> side(Path dataDir, int port, SideKeys own, SideKeys peer) {
    return List.of(
        "--server.port=" + port,
        "--airlock.data-dir=" + dataDir,
        "--airlock.transfer.signatures.private-key=" + own.privateKey(),
        "--airlock.transfer.signatures.public-key=" + own.publicKey(),
        "--airlock.transfer.signatures.trusted-keys=" + peer.publicKey(),
        "--airlock.metrics.scrape.token=" + DEMO_SCRAPE_TOKEN);
  }

  /** The response side queries the embedded search node. */
  private List<String> withSearch(List<String> settings) {
    List<String> arguments = new ArrayList<>(settings);
    arguments.add("--airlock.search.url=" + searchNode.url());
    return arguments;
  }

  static Path outbox(Path sideDir) {
    return sideDir.resolve("outbox");
  }

  static Path inbox(Path sideDir) {
    return sideDir.resolve("inbox");
  }

  public StandaloneSettings settings() {
    return settings;
  }

  public String requestSideUrl() {
    return url(requestSide);
  }

  public String responseSideUrl() {
    return url(responseSide);
  }

  public String searchUrl() {
    return searchNode.url();
  }

  /** The response side's demo admin, as its demo profile configures it. */
  public String demoAdmin() {
    return responseSide.getEnvironment().getProperty("airlock.bootstrap.admin-username")
        + " / "
        + responseSide.getEnvironment().getProperty("airlock.bootstrap.admin-password");
  }

  /** The demo user who crosses to the request side, as the demo profile configures it. */
  public String demoUser() {
    return responseSide.getEnvironment().getProperty("airlock.bootstrap.demo-user.username")
        + " / "
        + responseSide.getEnvironment().getProperty("airlock.bootstrap.demo-user.password");
  }

  public ConfigurableApplicationContext requestSide() {
    return requestSide;
  }

  public ConfigurableApplicationContext responseSide() {
    return responseSide;
  }

  public Shuttle shuttle() {
    return shuttle;
  }

  private static String url(ConfigurableApplicationContext context) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return "http://localhost:" + port;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("Stopping " + started.get(i) + " failed: " + e);
      }
    }
    started.clear();
  }

  /** A side's Ed25519 key pair, created on first start next to the side's other state. */
  record SideKeys(Path privateKey, Path publicKey) {

    static SideKeys ensure(Path sideDir, String name) throws IOException {
      Path keys = Files.createDirectories(sideDir.resolve("keys"));
      SideKeys pair = new SideKeys(keys.resolve(name + ".key"), keys.resolve(name + ".pub"));
      if (!Files.exists(pair.privateKey()) || !Files.exists(pair.publicKey())) {
        PemKeys.write(PemKeys.generate(), pair.privateKey(), pair.publicKey());
      }
      return pair;
    }
  }
}
