package io.airlock.requestside.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.requests.SignedInRequester;
import io.airlock.requestside.users.User;
import io.airlock.transfer.Channel;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.records.SettingRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/** What the admin endpoints show, each seen through filters that pick out this test's own data. */
@RequestSideIntegrationTest
class AdminApiIntegrationTests extends SignedInRequester {

  @Autowired AuditLog audit;
  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  String adminToken;

  @BeforeEach
  void signInAdmin() {
    adminToken = users.accessToken(users.create("admin", true));
  }

  @Test
  void listsUsersByUsernamePrefixActivityAndRoleAndShowsOne() {
    String prefix = "adm" + UUID.randomUUID().toString().substring(0, 6) + "_";
    User ann = named(requests.user(), prefix + "ann");
    User bob = named(users.create("admin", true), prefix + "bob");
    User cid = named(users.create("user", false), prefix + "cid");
    named(users.user(), "x" + prefix + "dan"); // contains the prefix, does not start with it

    assertThat(usernames(page("/admin/users?username={p}", prefix)))
        .containsExactly(ann.username(), bob.username(), cid.username());
    assertThat(usernames(page("/admin/users?username={p}&active=false", prefix)))
        .containsExactly(cid.username());
    assertThat(usernames(page("/admin/users?username={p}&role=admin", prefix)))
        .containsExactly(bob.username());
    assertThat(page("/admin/users?username={p}&size=2&page=1", prefix))
        .containsEntry("total", 3)
        .containsEntry("page", 1)
        .containsEntry("size", 2);
    // The prefix's underscore is taken literally, not as LIKE's any-character.
    assertThat(page("/admin/users?username={p}", prefix.replace("_", "-")))
        .containsEntry("total", 0);

    requests.submit(users.accessToken(ann));
    admin("/admin/users/{id}", ann.id())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.user.username")
        .isEqualTo(ann.username())
        .jsonPath("$.user.display_name")
        .isEqualTo(ann.displayName())
        .jsonPath("$.requests")
        .isEqualTo(1)
        .jsonPath("$.active_refresh_tokens")
        .isEqualTo(1);
    admin("/admin/users/{id}", UUID.randomUUID())
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("User not found");
    admin("/admin/users?role=root").expectStatus().isBadRequest();
  }

  @Test
  @SuppressWarnings("unchecked")
  void showsAUsersQuotaAndKeysAndRevokesAKeyInTheAdminsName() {
    User ann = requests.user();
    String annToken = users.accessToken(ann);
    requests.submit(annToken);
    String key = requests.apiKey(annToken);

    admin("/admin/users/{id}/quota", ann.id())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.windows[2].window")
        .isEqualTo("day")
        .jsonPath("$.windows[2].used")
        .isEqualTo(1);
    List<?> keys =
        admin("/admin/users/{id}/api-keys", ann.id())
            .expectStatus()
            .isOk()
            .expectBody(List.class)
            .returnResult()
            .getResponseBody();
    assertThat(keys).hasSize(1);
    Map<String, Object> listed = (Map<String, Object>) keys.get(0);
    assertThat(listed).containsKey("created_at").doesNotContainKey("key");
    String keyId = (String) listed.get("id");

    admin(client.delete().uri("/admin/users/{id}/api-keys/{key}", ann.id(), keyId))
        .expectStatus()
        .isNoContent();
    client
        .get()
        .uri("/requests")
        .header("X-API-Key", key)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(
            jdbc.sql(
                    "select detail from audit_logs where action = 'api-key.revoke' and resource = :r")
                .param("r", "api-key:" + keyId)
                .query(String.class)
                .single())
        .isEqualTo("of user:" + ann.id());
    admin(client.delete().uri("/admin/users/{id}/api-keys/{key}", UUID.randomUUID(), keyId))
        .expectStatus()
        .isNotFound();
    admin("/admin/users/{id}/quota", UUID.randomUUID()).expectStatus().isNotFound();
  }

  @Test
  void listsEveryUsersRequestsNewestFirstByStatusUserAndTime() {
    UUID first = requests.submit(token);
    UUID second = requests.submit(token);
    requests.responded(second, "{\"hits\":{}}", "aa".repeat(32));

    Map<String, Object> all = page("/admin/requests?user_id={u}", user.id());
    assertThat(all).containsEntry("total", 2);
    List<Map<String, Object>> items = items(all);
    assertThat(items)
        .extracting(i -> i.get("id"))
        .containsExactly(second.toString(), first.toString());
    assertThat(items.get(0))
        .containsEntry("owner_username", user.username())
        .containsEntry("status", "completed")
        .containsEntry("has_response", true);
    assertThat(((Map<?, ?>) items.get(1).get("query_params")).get("size")).isEqualTo(5);
    assertThat(items(page("/admin/requests?user_id={u}&status=pending", user.id())))
        .extracting(i -> i.get("id"))
        .containsExactly(first.toString());
    assertThat(items(page("/admin/requests?user_id={u}&sort=oldest", user.id())))
        .extracting(i -> i.get("id"))
        .containsExactly(first.toString(), second.toString());
    jdbc.sql("update requests set priority = 4 where id = :id").param("id", first).update();
    assertThat(items(page("/admin/requests?user_id={u}&sort=priority", user.id())))
        .extracting(i -> i.get("id"))
        .containsExactly(first.toString(), second.toString());
    admin("/admin/requests?sort=random").expectStatus().isBadRequest();
    assertThat(
            page(
                "/admin/requests?user_id={u}&submitted_from={f}",
                user.id(),
                Instant.now().plusSeconds(3600).toString()))
        .containsEntry("total", 0);
    assertThat(
            page(
                "/admin/requests?user_id={u}&submitted_to={t}&index=logs",
                user.id(),
                Instant.now().plusSeconds(3600).toString()))
        .containsEntry("total", 2);
    admin("/admin/requests?status=lost")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("status");
  }

  @Test
  void countsRequestsByStatusUsersRatesAndTopRequesters() {
    for (int i = 0; i < 3; i++) {
      requests.submit(token);
    }
    requests.responded(requests.submit(token), "{}", "bb".repeat(32));

    Map<String, Object> stats = body("/admin/stats?top=100");

    @SuppressWarnings("unchecked")
    Map<String, Object> byStatus = (Map<String, Object>) stats.get("by_status");
    assertThat(byStatus.keySet())
        .containsExactly(
            "pending", "exported", "completed", "failed", "expired", "cancelling", "cancelled");
    assertThat(((Number) stats.get("total_requests")).longValue()).isEqualTo(count("true"));
    assertThat(((Number) byStatus.get("completed")).longValue())
        .isEqualTo(count("status = 'completed'"));
    long ended = count("status in ('completed', 'failed', 'expired')");
    assertThat((Double) stats.get("success_rate"))
        .isEqualTo((double) count("status = 'completed'") / ended);
    assertThat((Double) stats.get("failure_rate"))
        .isEqualTo((double) count("status in ('failed', 'expired')") / ended);
    assertThat(((Number) stats.get("active_users")).longValue())
        .isEqualTo(jdbc.sql("select count(*) from users where active").query(Long.class).single());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> top = (List<Map<String, Object>>) stats.get("top_users");
    assertThat(top)
        .anySatisfy(
            t ->
                assertThat(t)
                    .containsEntry("user_id", user.id().toString())
                    .containsEntry("username", user.username())
                    .containsEntry("requests", 4));
    assertThat(top)
        .extracting(t -> ((Number) t.get("requests")).longValue())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    admin("/admin/stats?top=0").expectStatus().isBadRequest();
  }

  @Test
  void listsThisSidesExportBatchesByChannelAndState() {
    UUID acknowledged = outboundBatch("ACKNOWLEDGED");
    UUID published = outboundBatch("PUBLISHED");

    List<Map<String, Object>> items =
        items(page("/admin/export-batches?channel=requests&state=acknowledged&size=200"));

    assertThat(items).extracting(i -> i.get("batch_id")).contains(acknowledged.toString());
    assertThat(items).extracting(i -> i.get("batch_id")).doesNotContain(published.toString());
    assertThat(items).allSatisfy(i -> assertThat(i).containsEntry("state", "ACKNOWLEDGED"));
    assertThat(items(page("/admin/export-batches?state=published&size=200")))
        .filteredOn(i -> i.get("batch_id").equals(published.toString()))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i)
                    .containsEntry("channel", "requests")
                    .containsEntry("record_count", 3)
                    .containsEntry("send_count", 1));
    admin("/admin/export-batches?channel=mail").expectStatus().isBadRequest();

    admin("/admin/export-batches/{id}", acknowledged)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.batch.state")
        .isEqualTo("ACKNOWLEDGED")
        .jsonPath("$.peer_ack.acknowledged")
        .isEqualTo(true)
        .jsonPath("$.files")
        .isEmpty();
    // Its files were never written here (or were pruned): nothing to download.
    admin("/admin/export-batches/{id}/files", acknowledged)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Batch not found");
    admin("/admin/export-batches/{id}", UUID.randomUUID()).expectStatus().isNotFound();
  }

  @Test
  void listsImportBatchesWithTheirOutcomeReasonAndQuarantinedRecords() throws IOException {
    TestPeer peer = new TestPeer(folders.inbox(), "response");
    EncodedBatch applied =
        peer.publish(
            Channel.DIRECTORY, new SettingRecord("admin.test." + UUID.randomUUID(), "v", 1));
    peer.rewritePayload(
        applied, peer.payload(applied) + "{\"type\":\"setting\",\"id\":\"no-value\"}\n", 2);
    EncodedBatch tampered = peer.publish(Channel.DIRECTORY, new SettingRecord("t", "v", 1));
    Path payload = folders.inbox().resolve(tampered.payloadFileName());
    Files.writeString(payload, Files.readString(payload).replace("\"v\"", "\"w\""));
    importer.importNow();

    assertThat(items(page("/admin/import-batches?channel=directory&outcome=applied&size=200")))
        .filteredOn(i -> applied.manifest().batchId().toString().equals(i.get("batch_id")))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i)
                    .containsEntry("outcome", "APPLIED")
                    .containsEntry("record_count", 2)
                    .containsEntry("quarantined_records", 1));
    assertThat(items(page("/admin/import-batches?outcome=rejected&size=200")))
        .filteredOn(i -> tampered.manifest().batchId().toString().equals(i.get("batch_id")))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i)
                    .containsEntry("reason_code", "checksum_mismatch")
                    .containsEntry("file_name", tampered.manifestFileName()));
    admin("/admin/import-batches?outcome=lost").expectStatus().isBadRequest();

    admin("/admin/import-batches/{id}", ledgerId(applied))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.quarantined[0].line_number")
        .isEqualTo(2)
        .jsonPath("$.quarantined[0].record_id")
        .isEqualTo("no-value")
        .jsonPath("$.files[0]")
        .isEqualTo(applied.manifestFileName());
    List<String> entries = zipEntries(ledgerId(tampered));
    assertThat(entries)
        .containsExactlyInAnyOrder(
            tampered.manifestFileName(),
            tampered.payloadFileName(),
            tampered.manifestFileName() + ".reason");
    admin("/admin/import-batches/{id}", Long.MAX_VALUE).expectStatus().isNotFound();

    // A damaged copy of the applied batch arrives later and is refused into failed/ under the same
    // name: each ledger row still shows, and downloads, its own files.
    peer.resend(applied);
    Path again = folders.inbox().resolve(applied.payloadFileName());
    Files.writeString(again, Files.readString(again) + "damage\n");
    importer.importNow();
    assertThat(zipEntries(ledgerId(applied)))
        .containsExactlyInAnyOrder(applied.manifestFileName(), applied.payloadFileName());
    long damaged =
        jdbc.sql("select max(id) from inbound_batches where batch_id = :id")
            .param("id", applied.manifest().batchId())
            .query(Long.class)
            .single();
    assertThat(zipEntries(damaged))
        .containsExactlyInAnyOrder(
            applied.manifestFileName(),
            applied.payloadFileName(),
            applied.manifestFileName() + ".reason");
  }

  private List<String> zipEntries(long ledgerId) throws IOException {
    byte[] zip =
        admin("/admin/import-batches/{id}/files", ledgerId)
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("application/zip")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    List<String> entries = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.add(entry.getName());
      }
    }
    return entries;
  }

  /** The ledger's first row of the batch: its first arrival. */
  private long ledgerId(EncodedBatch batch) {
    return jdbc.sql("select min(id) from inbound_batches where batch_id = :id")
        .param("id", batch.manifest().batchId())
        .query(Long.class)
        .single();
  }

  @Test
  void listsAndDownloadsTheAuditLogFiltered() {
    String actor = "admin-test-" + UUID.randomUUID();
    audit.record(actor, "thing.do", "thing:1", AuditLog.Outcome.SUCCESS, "plain");
    audit.record(
        actor, "thing.do", "thing:2", AuditLog.Outcome.FAILURE, "said \"no\", twice\nthen left");
    audit.record(actor, "thing.undo", "=HYPERLINK(\"x\")", AuditLog.Outcome.SUCCESS, null);

    Map<String, Object> failures = page("/admin/audit-logs?actor={a}&outcome=failure", actor);
    assertThat(failures).containsEntry("total", 1);
    assertThat(items(failures).get(0))
        .containsEntry("resource", "thing:2")
        .containsEntry("action", "thing.do");
    assertThat(items(page("/admin/audit-logs?actor={a}&action=thing.do", actor)))
        .extracting(i -> i.get("resource"))
        .containsExactly("thing:2", "thing:1");
    assertThat(
            page(
                "/admin/audit-logs?actor={a}&to={t}",
                actor,
                Instant.now().minusSeconds(3600).toString()))
        .containsEntry("total", 0);
    assertThat(items(page("/admin/audit-logs?actor={a}&resource=thing:", actor)))
        .extracting(i -> i.get("resource"))
        .containsExactly("thing:2", "thing:1");
    assertThat(items(page("/admin/audit-logs?q=SAID \"NO\"&actor={a}", actor)))
        .extracting(i -> i.get("resource"))
        .containsExactly("thing:2");

    String byAccept =
        admin(client.get().uri("/admin/audit-logs?actor={a}", actor).header("Accept", "text/csv"))
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith("text/csv")
            .expectHeader()
            .valueEquals("Content-Disposition", "attachment; filename=\"audit-logs.csv\"")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String[] lines = byAccept.split("\r\n", -1);
    assertThat(lines[0])
        .isEqualTo("id,at,actor,action,resource,outcome,client_ip,request_id,detail");
    // Quoted for its quotes, and defused as a formula by the apostrophe.
    assertThat(lines[1])
        .endsWith("," + actor + ",thing.undo,\"'=HYPERLINK(\"\"x\"\")\",success,,,");
    assertThat(byAccept).contains(",failure,,,\"said \"\"no\"\", twice\nthen left\"\r\n");
    assertThat(lines[lines.length - 2]).endsWith(",thing.do,thing:1,success,,,plain");
    assertThat(byAccept.split("\r\n")).hasSize(4);

    String byParameter =
        admin(client.get().uri("/admin/audit-logs?format=csv&actor={a}", actor))
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(byParameter).isEqualTo(byAccept);
    admin("/admin/audit-logs?format=xml").expectStatus().isBadRequest();
  }

  private User named(User user, String username) {
    jdbc.sql("update users set username = :name where id = :id")
        .param("name", username)
        .param("id", user.id())
        .update();
    return new User(
        user.id(),
        username,
        user.email(),
        user.displayName(),
        user.role(),
        user.profileType(),
        user.active(),
        user.passwordHash(),
        user.lastLoginAt());
  }

  private UUID outboundBatch(String state) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into outbound_batches (sender_epoch, channel, sequence, batch_id, record_count,
                payload_file, compression, state, send_count)
            values (:epoch, 'requests', 1, :id, 3, 'requests.jsonl', 'none', :state, 1)""")
        .param("epoch", "admin-test-" + id)
        .param("id", id)
        .param("state", state)
        .update();
    return id;
  }

  private long count(String where) {
    return jdbc.sql("select count(*) from requests where " + where).query(Long.class).single();
  }

  private RestTestClient.ResponseSpec admin(String uri, Object... variables) {
    return admin(client.get().uri(uri, variables));
  }

  private RestTestClient.ResponseSpec admin(RestTestClient.RequestHeadersSpec<?> request) {
    return request.header("Authorization", "Bearer " + adminToken).exchange();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> body(String uri, Object... variables) {
    return admin(uri, variables)
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private Map<String, Object> page(String uri, Object... variables) {
    return body(uri, variables);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  private static List<Object> usernames(Map<String, Object> page) {
    return items(page).stream().map(i -> i.get("username")).toList();
  }

  @Test
  void theDashboardHasTheFiguresHourByHourTheLinksAndTheLatestRequests() {
    UUID id = requests.submit(token);

    Map<?, ?> day =
        requests
            .get(adminToken, "/admin/dashboard")
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    List<?> hours = (List<?>) day.get("hours");
    assertThat(hours).hasSize(24);
    Map<?, ?> thisHour = (Map<?, ?>) hours.get(23);
    assertThat(((Number) thisHour.get("submitted")).longValue()).isPositive();
    assertThat((List<?>) day.get("latest"))
        .hasSizeLessThanOrEqualTo(10)
        .anySatisfy(row -> assertThat(((Map<?, ?>) row).get("id")).isEqualTo(id.toString()));
    assertThat(day.keySet().stream().map(String::valueOf).toList())
        .contains("stats", "incoming", "outgoing");

    requests
        .get(adminToken, "/admin/dashboard?days=7")
        .expectBody()
        .jsonPath("$.hours.length()")
        .isEqualTo(168);
    requests.get(adminToken, "/admin/dashboard?days=3").expectStatus().isBadRequest();
    requests.get(token, "/admin/dashboard").expectStatus().isForbidden();
  }

  @Test
  void retrySubmitsACopyOfAFailedRequestForItsUserAndAuditsIt() {
    UUID failed = requests.submit(token);
    requests.status(failed, "failed");

    Map<?, ?> copy =
        client
            .post()
            .uri("/admin/requests/{id}/retry", failed)
            .header("Authorization", "Bearer " + adminToken)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();

    UUID id = UUID.fromString((String) copy.get("id"));
    assertThat(id).isNotEqualTo(failed);
    assertThat(copy.get("retry_of")).isEqualTo(failed.toString());
    assertThat(
            jdbc.sql(
                    "select owner_id = :owner and status = 'pending' and index_name = 'logs'"
                        + " from requests where id = :id")
                .param("owner", user.id())
                .param("id", id)
                .query(Boolean.class)
                .single())
        .isTrue();
    assertThat(
            jdbc.sql(
                    "select detail from audit_logs where action = 'request.retry'"
                        + " and resource = :resource")
                .param("resource", "request:" + id)
                .query(String.class)
                .single())
        .isEqualTo("copy of " + failed + " for " + user.username());
  }

  @Test
  void retriesOnlyWhatFailedOrExpiredAndOnlyForAnAdmin() {
    UUID pending = requests.submit(token);

    client
        .post()
        .uri("/admin/requests/{id}/retry", pending)
        .header("Authorization", "Bearer " + adminToken)
        .exchange()
        .expectStatus()
        .isEqualTo(409);
    client
        .post()
        .uri("/admin/requests/{id}/retry", pending)
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isForbidden();
    client
        .post()
        .uri("/admin/requests/{id}/retry", UUID.randomUUID())
        .header("Authorization", "Bearer " + adminToken)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void anAdminCancelsAUsersRequestAsTheirOwnAct() {
    UUID id = requests.submit(token);

    client
        .post()
        .uri("/admin/requests/{id}/cancel", id)
        .header("Authorization", "Bearer " + adminToken)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("cancelled");
    assertThat(
            jdbc.sql(
                    "select detail from audit_logs where action = 'request.cancel'"
                        + " and resource = :resource")
                .param("resource", "request:" + id)
                .query(String.class)
                .single())
        .isEqualTo("for " + user.username());
  }
}
