package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.transfer.TransferLinks;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestListing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What an admin watches on this side at a glance: the figures of {@link AdminStats}, requests and
 * round-trip times hour by hour, how each channel across the gap is doing, and the latest requests.
 * For {@code GET /admin/dashboard} and the console's dashboard alike.
 */
@Component
class AdminDashboard {

  /** Requests shown as the latest. */
  static final int LATEST = 10;

  /**
   * One hour.
   *
   * @param submitted requests submitted in it
   * @param p50Ms median round trip (submitted → result received) of the requests answered in it, or
   *     null if none was
   * @param p95Ms the same, 95th percentile
   */
  record Hour(
      Instant hour,
      long submitted,
      @JsonProperty("p50_ms") Long p50Ms,
      @JsonProperty("p95_ms") Long p95Ms) {}

  record Dashboard(
      AdminStats.Stats stats,
      List<Hour> hours,
      List<TransferLinks.Incoming> incoming,
      List<TransferLinks.Outgoing> outgoing,
      List<AdminRequests.RequestRow> latest) {}

  private final AdminStats stats;
  private final AdminRequests requests;
  private final TransferLinks links;
  private final RequestListing listing;
  private final Clock clock;

  AdminDashboard(
      AdminStats stats,
      AdminRequests requests,
      TransferLinks links,
      RequestListing listing,
      Clock clock) {
    this.stats = stats;
    this.requests = requests;
    this.links = links;
    this.listing = listing;
    this.clock = clock;
  }

  /** The dashboard over the last {@code span} (a day or a week), by the hour. */
  Dashboard of(Duration span) {
    return new Dashboard(
        stats.stats(AdminRequestController.DEFAULT_TOP),
        hours(span),
        links.incoming(),
        links.outgoing(),
        requests.page(
            new AdminRequests.Filter(null, null, null, null, null),
            RequestListing.Order.NEWEST,
            Paging.of(0, LATEST)));
  }

  private List<Hour> hours(Duration span) {
    Instant last = clock.instant().truncatedTo(ChronoUnit.HOURS);
    Instant first = last.minus(span).plus(Duration.ofHours(1));
    Map<Instant, RequestListing.HourFigures> figures = listing.byHour(first);
    List<Hour> hours = new ArrayList<>();
    for (Instant hour = first; !hour.isAfter(last); hour = hour.plus(Duration.ofHours(1))) {
      RequestListing.HourFigures figure =
          figures.getOrDefault(hour, new RequestListing.HourFigures(0, null, null));
      hours.add(new Hour(hour, figure.submitted(), figure.p50Ms(), figure.p95Ms()));
    }
    return hours;
  }
}
