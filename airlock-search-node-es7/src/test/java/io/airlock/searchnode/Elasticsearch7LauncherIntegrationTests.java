package io.airlock.searchnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Elasticsearch7LauncherIntegrationTests {

  @Test
  void answersWithElasticsearch7() {
    NodeHttp http = new NodeHttp(Elasticsearch7Launcher.shared().url());

    assertThat(http.version()).isEqualTo("7.17.29");
    assertThat(http.get("/")).doesNotContain("opensearch");
  }

  @Test
  void holdsTheSameGeneratedSampleIndicesAsTheOpenSearchNode() {
    NodeHttp http = new NodeHttp(Elasticsearch7Launcher.shared().url());

    assertThat(http.count("incidents")).isEqualTo(3000);
    assertThat(http.count("assets")).isEqualTo(1500);
    assertThat(http.get("/incidents/_doc/INC-00001")).contains("\"found\":true");
    assertThat(http.get("/incidents/_mapping")).contains("GENERATED sample data");
  }

  @Test
  void findsIncidentsWithAMatchQueryIgnoringEnglishStopWords() {
    NodeHttp http = new NodeHttp(Elasticsearch7Launcher.shared().url());

    String found =
        http.send(
            "POST",
            "/incidents/_search",
            """
            {"size": 3, "query": {"match": {"description": "credential harvesting"}}}
            """);
    String stopWordsOnly =
        http.send(
            "POST", "/incidents/_count", "{\"query\": {\"match\": {\"description\": \"the\"}}}");

    assertThat(found).containsIgnoringCase("credential").doesNotContain("\"value\":0,");
    assertThat(stopWordsOnly).contains("\"count\":0");
  }

  @Test
  void sharesOneNodePerJvm() {
    assertThat(Elasticsearch7Launcher.shared()).isSameAs(Elasticsearch7Launcher.shared());
  }

  @Test
  void closeStopsTheChildAndFreesItsPort(@TempDir Path dataDir) {
    RunningSearchNode node = Elasticsearch7Launcher.start(dataDir, 0, false);
    int port = URI.create(node.url()).getPort();
    long pid = node.pid();

    node.close();

    assertThat(node.isAlive()).isFalse();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    assertThat(node.logFile())
        .hasFileName(Elasticsearch7Launcher.LOG_FILE)
        .content()
        .contains("closed");
  }

  @Test
  void restartOnTheSameDataDirKeepsTheDataWithoutLoadingItAgain(@TempDir Path dataDir) {
    try (RunningSearchNode first = Elasticsearch7Launcher.start(dataDir, 0, true)) {
      new NodeHttp(first.url())
          .send(
              "PUT",
              "/incidents/_doc/TEST-1?refresh=true",
              """
              {"id": "TEST-1", "title": "Written by a test", "severity": "low"}
              """);
    }

    try (RunningSearchNode second = Elasticsearch7Launcher.start(dataDir, 0, true)) {
      NodeHttp http = new NodeHttp(second.url());

      assertThat(http.count("incidents")).isEqualTo(3001);
      assertThat(http.count("assets")).isEqualTo(1500);
      assertThat(http.get("/incidents/_doc/INC-00001")).contains("\"_version\":1");
    }
  }

  @Test
  void startsFromAClassLoaderWithoutElasticsearch(@TempDir Path dataDir) throws Exception {
    URL[] launcherOnly = {
      NodeClasspath.ownLocation(Elasticsearch7Launcher.ELASTICSEARCH_7).toUri().toURL(),
      NodeClasspath.ownLocation(SearchNodeLauncher.OPENSEARCH).toUri().toURL()
    };
    try (URLClassLoader loader =
        new URLClassLoader(launcherOnly, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("org.elasticsearch.node.Node"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> launcher = loader.loadClass(Elasticsearch7Launcher.class.getName());
      Method start = launcher.getMethod("start", Path.class, int.class, boolean.class);

      AutoCloseable node = (AutoCloseable) start.invoke(null, dataDir, 0, false);
      try {
        String url = (String) node.getClass().getMethod("url").invoke(node);
        assertThat(new NodeHttp(url).version()).isEqualTo("7.17.29");
      } finally {
        node.close();
      }
    }
  }

  @Test
  void reportsANodeThatExitsBeforeItIsReady(@TempDir Path dataDir) throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      assertThatThrownBy(() -> Elasticsearch7Launcher.start(dataDir, taken.getLocalPort(), false))
          .isInstanceOf(SearchNodeStartFailed.class)
          .hasMessageContaining("exited with code 1 before it was ready")
          .hasMessageContaining("BindHttpException");
    }
    assertThat(Files.readString(dataDir.resolve(Elasticsearch7Launcher.LOG_FILE)))
        .contains("BindHttpException");
  }
}
