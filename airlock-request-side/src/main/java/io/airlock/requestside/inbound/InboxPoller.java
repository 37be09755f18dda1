package io.airlock.requestside.inbound;

import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboundBatches;
import io.airlock.platform.transfer.RecordApplier;
import io.airlock.transfer.Channel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes in what arrives from the response side. Each channel's batches are applied by its feature;
 * a channel this side cannot handle yet stays in the inbox untouched.
 */
@Component
class InboxPoller {

  private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

  private final InboundBatches inbound;
  private final Map<Channel, RecordApplier> appliers;

  InboxPoller(InboundBatches inbound, DirectoryReplica directory) {
    this.inbound = inbound;
    this.appliers = Map.of(Channel.DIRECTORY, directory::apply);
  }

  @Scheduled(fixedDelayString = "${airlock.inbox.poll-interval:500ms}")
  void pollOnSchedule() {
    try {
      poll();
    } catch (IOException | RuntimeException e) {
      // The batch that failed stays in the inbox and is tried again on the next poll.
      log.warn("Importing from the inbox failed; retrying: {}", e.toString());
    }
  }

  synchronized List<ImportOutcome> poll() throws IOException {
    return inbound.scan(appliers);
  }

  /** The poller runs on Spring's scheduler. */
  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  static class Scheduling {}
}
