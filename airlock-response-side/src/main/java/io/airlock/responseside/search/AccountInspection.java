package io.airlock.responseside.search;

import io.airlock.responseside.search.AccountCheck.Confined;
import io.airlock.responseside.search.AccountCheck.NotChecked;
import io.airlock.responseside.search.AccountCheck.Overreaching;
import io.airlock.responseside.search.AccountCheck.Postponed;
import io.airlock.responseside.search.AccountCheck.Unverifiable;
import io.airlock.responseside.search.SearchOutcome.Answered;
import io.airlock.responseside.search.SearchOutcome.Failed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Asks the engine who this side's account is and whether it can read indices outside the allowed
 * ones: the indices it can see are listed ({@code _resolve/index}), and each outside the allowed
 * ones is searched with {@code size=0}. Only the engine's security can refuse such a search, so
 * without security there is nothing to check.
 */
final class AccountInspection {

  /** Readable outside indices named at most; the check stops once it has found this many. */
  static final int MAX_NAMED = 20;

  /** Outside indices searched at most, so that a cluster of thousands is not asked of each. */
  static final int MAX_PROBES = 500;

  static final String SECURITY_OFF = "engine security is not enabled; not checked";
  static final String CANNOT_LIST =
      "could not list the indices; the account cannot read all of them";

  private static final String LIST = "/_resolve/index/*?expand_wildcards=open";
  private static final String SEARCH_ALL = "/*/_search?size=0";
  private static final String INDEX_NAMES =
      "{\"size\":0,\"aggs\":{\"indices\":{\"terms\":{\"field\":\"_index\",\"size\":100}}}}";

  private final SearchEngine engine;

  AccountInspection(SearchEngine engine) {
    this.engine = engine;
  }

  AccountCheck inspect(Set<String> allowed) {
    if (!engine.configured()) {
      return new NotChecked(SearchEngine.NOT_CONFIGURED + "; not checked");
    }
    SearchOutcome elasticsearch = engine.exchange("GET", "/_security/_authenticate", null);
    if (elasticsearch instanceof Answered answered) {
      return readable(account(answered.body(), "username"), allowed);
    }
    if (unanswered(elasticsearch)) {
      return new Postponed(((Failed) elasticsearch).reason());
    }
    SearchOutcome opensearch = engine.exchange("GET", "/_plugins/_security/api/account", null);
    if (opensearch instanceof Answered answered) {
      return readable(account(answered.body(), "user_name"), allowed);
    }
    if (unanswered(opensearch)) {
      return new Postponed(((Failed) opensearch).reason());
    }
    if (((Failed) elasticsearch).status() == 401 || ((Failed) opensearch).status() == 401) {
      return new NotChecked("the engine refuses the account's credentials (HTTP 401); not checked");
    }
    return new NotChecked(SECURITY_OFF);
  }

  private AccountCheck readable(Account account, Set<String> allowed) {
    SearchOutcome listed = engine.exchange("GET", LIST, null);
    if (listed instanceof Answered answered) {
      return probe(account, outside(answered.body(), allowed));
    }
    if (unanswered(listed)) {
      return new Postponed(((Failed) listed).reason());
    }
    // OpenSearch refuses a wildcard that covers an index the account may not touch.
    return searchEverything(account, allowed, (Failed) listed);
  }

  private AccountCheck probe(Account account, List<String> candidates) {
    List<String> readable = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int probed = 0;
    for (String index : candidates) {
      if (readable.size() == MAX_NAMED || probed == MAX_PROBES) {
        break;
      }
      probed++;
      SearchOutcome outcome =
          engine.exchange("POST", SearchEngine.indexPath(index, "_search") + "?size=0", "{}");
      if (outcome instanceof Answered) {
        readable.add(index);
      } else if (outcome instanceof Failed failed && failed.status() == 0) {
        return new Postponed(failed.reason());
      } else if (outcome instanceof Failed failed
          && failed.kind() == SearchOutcome.Kind.TRANSIENT) {
        // A red index answers 503 for good: neither readable nor refused, and not worth waiting
        // for.
        unknown.add(index + " (" + failed.reason() + ")");
      }
    }
    if (!readable.isEmpty()) {
      return new Overreaching(account.user(), account.roles(), readable);
    }
    if (!unknown.isEmpty()) {
      return new Unverifiable(
          account.user(),
          account.roles(),
          "could not search " + unknown.size() + " index(es) outside the allowed ones: " + unknown);
    }
    if (probed < candidates.size()) {
      return new Unverifiable(
          account.user(),
          account.roles(),
          ("it sees %d indices outside the allowed ones; the first %d are not readable,"
                  + " the rest were not tried")
              .formatted(candidates.size(), probed));
    }
    return new Confined(account.user(), account.roles(), candidates.size());
  }

  private AccountCheck searchEverything(Account account, Set<String> allowed, Failed listing) {
    SearchOutcome all = engine.exchange("POST", SEARCH_ALL, INDEX_NAMES);
    if (all instanceof Failed failed) {
      if (failed.status() == 0) {
        return new Postponed(failed.reason());
      }
      if (failed.status() == 403) {
        return new Unverifiable(account.user(), account.roles(), CANNOT_LIST);
      }
      return new Unverifiable(
          account.user(),
          account.roles(),
          "could not list the indices (" + listing.reason() + ") nor search them all");
    }
    // The account may search every index: name those that hold data outside the allowed ones.
    List<String> readable = new ArrayList<>();
    for (JsonNode bucket :
        ((Answered) all).body().path("aggregations").path("indices").path("buckets")) {
      String index = bucket.path("key").asString("");
      if (readable.size() < MAX_NAMED && outsideOf(allowed, index)) {
        readable.add(index);
      }
    }
    if (!readable.isEmpty()) {
      return new Overreaching(account.user(), account.roles(), readable);
    }
    return new Unverifiable(
        account.user(),
        account.roles(),
        "could not list the indices ("
            + listing.reason()
            + "); a search over all of them finds no data outside the allowed ones");
  }

  /**
   * The names in a {@code _resolve/index} answer outside the allowed ones: indices, data streams
   * and aliases, system and hidden ones (a leading dot) left out.
   */
  static List<String> outside(JsonNode resolved, Set<String> allowed) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode index : resolved.path("indices")) {
      // An index behind an allowed alias or data stream is read through it anyway; a filtered
      // alias hides part of it, which only the operator can judge.
      boolean reachable =
          allowed.contains(index.path("data_stream").asString(""))
              || strings(index.path("aliases")).stream().anyMatch(allowed::contains);
      if (!reachable) {
        names.add(index.path("name").asString(""));
      }
    }
    for (JsonNode stream : resolved.path("data_streams")) {
      names.add(stream.path("name").asString(""));
    }
    for (JsonNode alias : resolved.path("aliases")) {
      if (!allowed.containsAll(strings(alias.path("indices")))) {
        names.add(alias.path("name").asString(""));
      }
    }
    names.removeIf(name -> !outsideOf(allowed, name));
    return List.copyOf(names);
  }

  private static boolean outsideOf(Set<String> allowed, String index) {
    return !index.isEmpty() && !index.startsWith(".") && !allowed.contains(index);
  }

  // No answer at all, or an engine too busy to give one: worth asking again later.
  private static boolean unanswered(SearchOutcome outcome) {
    return outcome instanceof Failed failed
        && (failed.status() == 0
            || failed.status() == 429
            || (failed.status() >= 502 && failed.status() <= 504));
  }

  private static Account account(JsonNode body, String userField) {
    return new Account(body.path(userField).asString("(unnamed)"), strings(body.path("roles")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      if (value.isString()) {
        values.add(value.stringValue());
      }
    }
    return values;
  }

  private record Account(String user, List<String> roles) {}
}
