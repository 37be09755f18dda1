package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's drill of docs/operations.md, "Backup and restore", with the scripts themselves:
 * the request side is backed up by {@code deploy/backup.sh} while requests flow, takes more, is
 * stopped and restored by {@code deploy/restore.sh} (which gives it a new sender epoch) and started
 * again. What it accepted before the backup ends once, what it accepted after is gone with the
 * backup, and the response side applies nothing twice.
 */
class BackupRestoreIntegrationTests {

  @TempDir Path root;

  @Test
  void aRequestSideRestoredFromABackupKeepsWhatItHeldThenAndLosesOnlyWhatCameLater()
      throws Exception {
    // The scripts use PostgreSQL's client tools (Debian: postgresql-client; .ci/run installs it).
    for (String tool : List.of("pg_dump", "pg_restore", "psql")) {
      assumeTrue(onPath(tool), tool + " is not on the path: the backup scripts need it");
    }
    try (TwoSides airlock =
        TwoSides.start(root, CrashIntegrationTests.settings(TwoSides.OwnJvm.REQUEST_SIDE))) {
      String username = "backup" + System.nanoTime() % 100_000;
      Analyst analyst = Analyst.signedIn(airlock, username, TwoSides.BULK_PROFILE);
      SideProcess side = airlock.ownJvm();
      List<String> beforeBackup = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        beforeBackup.add(analyst.submit(CrashIntegrationTests.request(i)));
      }
      assertThat(analyst.awaitFinished(beforeBackup.get(0)).path("status").asString())
          .isEqualTo("completed");
      // Two more still on their way when the backup is taken.
      beforeBackup.add(analyst.submit(CrashIntegrationTests.request(3)));
      beforeBackup.add(analyst.submit(CrashIntegrationTests.request(4)));

      Path backup = Path.of(run(side, "backup.sh", "--out", root.resolve("backups").toString()));
      String backedUpEpoch = manifestEntry(backup, "sender_epoch");
      assertThat(backedUpEpoch).isEqualTo(epoch(side));

      List<String> afterBackup = new ArrayList<>();
      for (int i = 5; i < 8; i++) {
        afterBackup.add(analyst.submit(CrashIntegrationTests.request(i)));
      }
      for (String id : afterBackup) {
        assertThat(analyst.awaitFinished(id).path("status").asString()).isEqualTo("completed");
      }

      side.kill();
      run(side, "restore.sh", "--from", backup.toString());
      assertThat(epoch(side)).as("a new sender epoch").isNotEqualTo(backedUpEpoch);
      assertThat(side.start(null)).as("starts on the restored database").isTrue();

      Analyst again = Analyst.signedInAgain(airlock, username);
      for (String id : beforeBackup) {
        assertThat(again.awaitFinished(id).path("status").asString())
            .as("accepted before the backup: " + id)
            .isEqualTo("completed");
        again.response(id); // served, 200
      }
      for (String id : afterBackup) {
        assertThat(again.call("GET", "/requests/" + id + "/status", null).statusCode())
            .as("accepted after the backup, gone with it: " + id)
            .isEqualTo(404);
      }
      String afterRestore = again.submit(CrashIntegrationTests.request(8));
      assertThat(again.awaitFinished(afterRestore).path("status").asString())
          .isEqualTo("completed");

      JdbcClient high = airlock.responseSideDatabase();
      List<String> all = new ArrayList<>(beforeBackup);
      all.addAll(afterBackup);
      all.add(afterRestore);
      for (String table : List.of("incoming_requests", "query_results")) {
        for (String id : all) {
          assertThat(
                  high.sql("select count(*) from " + table + " where request_id = ?::uuid")
                      .param(id)
                      .query(Long.class)
                      .single())
              .as("%s applied once on the response side: %s", table, id)
              .isEqualTo(1);
        }
      }
      for (JdbcClient database : List.of(airlock.requestSideDatabase(), high)) {
        assertThat(
                Ledgers.count(
                    database, "select count(*) from inbound_batches where outcome = 'CONFLICT'"))
            .as("the restored side's batches taken as a new sender's")
            .isZero();
      }
    }
  }

  /**
   * Runs {@code deploy/<script>} on the side's data folder and the database it uses; returns the
   * last line it printed.
   */
  private static String run(SideProcess side, String script, String... arguments)
      throws IOException, InterruptedException {
    Map<String, Object> db =
        side.database()
            .sql(
                "select host(inet_server_addr()) as host, inet_server_port() as port,"
                    + " current_database() as name, current_user as username")
            .query()
            .singleRow();
    List<String> command = new ArrayList<>();
    command.add(deployFolder().resolve(script).toString());
    command.addAll(List.of(arguments));
    command.addAll(
        List.of(
            "--data-dir",
            side.dataDir().toString(),
            "--db-url",
            "postgresql://%s@%s:%s/%s"
                .formatted(db.get("username"), db.get("host"), db.get("port"), db.get("name"))));
    Path log = Files.createTempFile(side.dataDir().resolveSibling("logs"), script, ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(script + " ends").isTrue();
    List<String> output = Files.readAllLines(log);
    assertThat(process.exitValue()).as(script + ": " + String.join("\n", output)).isZero();
    return output.get(output.size() - 1);
  }

  private static Path deployFolder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/backup.sh"))) {
        return dir.resolve("deploy");
      }
    }
    throw new IllegalStateException("no deploy/backup.sh above " + Path.of("").toAbsolutePath());
  }

  private static String manifestEntry(Path backup, String key) throws IOException {
    return Files.readAllLines(backup.resolve("manifest.txt")).stream()
        .filter(line -> line.startsWith(key + "="))
        .map(line -> line.substring(key.length() + 1))
        .findFirst()
        .orElseThrow();
  }

  private static String epoch(SideProcess side) {
    return side.database().sql("select epoch from sender_identity").query(String.class).single();
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
