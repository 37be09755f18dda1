package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side whose database is wiped (its files kept: keys, archive, inbox) comes back as a new sender
 * epoch: the other side takes its batches as a new sender's, not as replays or conflicts, and sends
 * it the directory again, so its users sign in without an operator's help.
 */
class WipedDatabaseIntegrationTests {

  @TempDir Path root;

  @Test
  void aRequestSideWhoseDatabaseWasWipedIsANewSenderAndGetsTheDirectoryAgain() throws Exception {
    TwoSides.Settings crash = CrashIntegrationTests.settings(TwoSides.OwnJvm.REQUEST_SIDE);
    List<String> responseSide = new ArrayList<>(crash.responseSide());
    responseSide.add("--airlock.directory.snapshot.check-interval=1s");
    TwoSides.Settings settings =
        new TwoSides.Settings(crash.requestSide(), responseSide, crash.faults(), crash.ownJvm());
    try (TwoSides airlock = TwoSides.start(root, settings)) {
      String username = "wiped" + System.nanoTime() % 100_000;
      Analyst before = Analyst.signedIn(airlock, username, TwoSides.BULK_PROFILE);
      String first = before.submit(CrashIntegrationTests.request(1));
      assertThat(before.awaitFinished(first).path("status").asString()).isEqualTo("completed");
      SideProcess side = airlock.ownJvm();
      String oldEpoch = epoch(side);

      side.kill();
      side.database().sql("drop schema public cascade").update();
      side.database().sql("create schema public").update();
      assertThat(side.start(null)).as("starts on an empty database").isTrue();
      assertThat(epoch(side)).as("a new sender epoch").isNotEqualTo(oldEpoch);

      // The account is back without anyone touching it: the directory crossed again (a snapshot
      // for the new epoch, and the archived batches its acks report missing).
      Analyst after = Analyst.signedInAgain(airlock, username);
      String second = after.submit(CrashIntegrationTests.request(2));
      assertThat(after.awaitFinished(second).path("status").asString()).isEqualTo("completed");

      assertThat(
              Ledgers.count(
                  airlock.responseSideDatabase(),
                  "select count(distinct sender_epoch) from inbound_batches"
                      + " where outcome = 'APPLIED'"))
          .as("batches of both request-side epochs applied")
          .isEqualTo(2);
      for (var database : List.of(airlock.requestSideDatabase(), airlock.responseSideDatabase())) {
        assertThat(
                Ledgers.count(
                    database, "select count(*) from inbound_batches where outcome = 'CONFLICT'"))
            .isZero();
      }
    }
  }

  private static String epoch(SideProcess side) {
    return side.database().sql("select epoch from sender_identity").query(String.class).single();
  }
}
