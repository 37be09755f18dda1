package io.airlock.responseside.inbound;

import static io.airlock.responseside.inbound.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.responseside.directory.User;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.records.RequestRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A database error while a batch is applied leaves nothing of it behind, to be tried again. */
@RequestsChannelTest
class RequestsChannelRollbackIntegrationTests {

  private static final String QUERY = "{\"query\": {\"match_all\": {}}}";

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired DirectoryAdministration administration;
  @Autowired JdbcClient jdbc;

  @Test
  void appliesNothingOfABatchWhoseSecondRecordHitsADatabaseError() {
    RequestsFixture fixture = new RequestsFixture(importer, folders, administration, jdbc);
    User user = fixture.user("standard");
    User failing = fixture.user("standard");
    RequestRecord first = request(user.id(), "incidents", QUERY, 1);
    RequestRecord second = request(failing.id(), "incidents", QUERY, 1);
    // The database refuses the second request's audit entry, as a full disk or a lost
    // connection would refuse any write.
    jdbc.sql(
            """
            create function refuse_audit() returns trigger language plpgsql as $$
            begin raise exception 'the database is unavailable'; end $$""")
        .update();
    jdbc.sql(
            "create trigger refuse_audit before insert on audit_logs for each row"
                + " when (new.actor = '"
                + failing.id()
                + "') execute function refuse_audit()")
        .update();
    EncodedBatch batch;
    try {
      batch = fixture.publish(first, second);
      assertThat(fixture.importNow()).isInstanceOf(ImportOutcome.Failed.class);

      assertThat(fixture.incoming(first.id())).isEmpty();
      assertThat(fixture.result(second.id())).isEmpty();
      assertThat(fixture.audits(first.id())).isEmpty();
      assertThat(folders.inbox().resolve(batch.manifestFileName())).exists();
    } finally {
      jdbc.sql("drop trigger refuse_audit on audit_logs").update();
      jdbc.sql("drop function refuse_audit()").update();
    }

    assertThat(fixture.importNow()).isInstanceOf(ImportOutcome.Imported.class);
    assertThat(fixture.incoming(first.id()).orElseThrow()).containsEntry("status", "queued");
    assertThat(fixture.incoming(second.id()).orElseThrow()).containsEntry("status", "queued");
    assertThat(folders.archive().resolve(batch.manifestFileName())).exists();
  }
}
