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

class SearchNodeLauncherIntegrationTests {

  @Test
  void answersWithOpenSearchVersion() {
    SearchHttp http = new SearchHttp(SearchNodeLauncher.shared().url());

    assertThat(http.version()).isEqualTo("2.19.1");
  }

  @Test
  void holdsTheGeneratedSampleIndicesOnceReady() {
    SearchHttp http = new SearchHttp(SearchNodeLauncher.shared().url());

    assertThat(http.count("incidents")).isEqualTo(3000);
    assertThat(http.count("assets")).isEqualTo(1500);
  }

  @Test
  void findsIncidentsWithAMatchQuery() {
    SearchHttp http = new SearchHttp(SearchNodeLauncher.shared().url());

    String response =
        http.post(
            "/incidents/_search",
            """
            {"size": 3, "query": {"match": {"description": "credential harvesting"}}}
            """);

    assertThat(http.totalHits(response)).isPositive();
    assertThat(response).containsIgnoringCase("credential");
  }

  @Test
  void sharesOneNodePerJvm() {
    assertThat(SearchNodeLauncher.shared()).isSameAs(SearchNodeLauncher.shared());
  }

  @Test
  void closeStopsTheChildAndFreesItsPort(@TempDir Path dataDir) {
    RunningSearchNode node = SearchNodeLauncher.start(dataDir, 0, false);
    int port = URI.create(node.url()).getPort();
    long pid = node.pid();

    node.close();

    assertThat(node.isAlive()).isFalse();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    assertThat(node.logFile()).content().contains("closed");
  }

  @Test
  void restartOnTheSameDataDirKeepsTheDataWithoutLoadingItAgain(@TempDir Path dataDir) {
    String uuid;
    try (RunningSearchNode first = SearchNodeLauncher.start(dataDir, 0, true)) {
      SearchHttp http = new SearchHttp(first.url());
      http.put(
          "/incidents/_doc/TEST-1?refresh=true",
          """
          {"id": "TEST-1", "title": "Written by a test", "severity": "low"}
          """);
      uuid = http.indexUuid("incidents");
    }

    try (RunningSearchNode second = SearchNodeLauncher.start(dataDir, 0, true)) {
      SearchHttp http = new SearchHttp(second.url());

      assertThat(http.indexUuid("incidents")).isEqualTo(uuid);
      assertThat(http.count("incidents")).isEqualTo(3001);
      assertThat(http.count("assets")).isEqualTo(1500);
      assertThat(http.get("/incidents/_doc/INC-00001")).contains("\"_version\":1");
    }
  }

  @Test
  void startsFromAClassLoaderWithoutOpenSearch(@TempDir Path dataDir) throws Exception {
    URL moduleOnly = NodeClasspath.ownLocation(SearchNodeLauncher.OPENSEARCH).toUri().toURL();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {moduleOnly}, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("org.opensearch.node.Node"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> launcher = loader.loadClass(SearchNodeLauncher.class.getName());
      Method start = launcher.getMethod("start", Path.class, int.class, boolean.class);

      AutoCloseable node = (AutoCloseable) start.invoke(null, dataDir, 0, false);
      try {
        String url = (String) node.getClass().getMethod("url").invoke(node);
        assertThat(new SearchHttp(url).version()).isEqualTo("2.19.1");
      } finally {
        node.close();
      }
    }
  }

  @Test
  void reportsANodeThatExitsBeforeItIsReady(@TempDir Path dataDir) throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      assertThatThrownBy(() -> SearchNodeLauncher.start(dataDir, taken.getLocalPort(), false))
          .isInstanceOf(SearchNodeStartFailed.class)
          .hasMessageContaining("exited with code 1 before it was ready")
          .hasMessageContaining("BindHttpException");
    }
    assertThat(Files.readString(dataDir.resolve(SearchNodeLauncher.LOG_FILE)))
        .contains("BindHttpException");
  }
}
