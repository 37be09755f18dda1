package io.airlock.platform.transfer;

import io.airlock.platform.jobs.SingletonJobs;
import io.airlock.platform.node.NodeProperties;
import io.airlock.platform.retention.RetentionProperties;
import io.airlock.platform.retention.RetentionSchedule;
import io.airlock.platform.time.ClockAutoConfiguration;
import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.FileSink;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.signing.SignaturePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transfer folders and their health, this node's identity as a sender, its signing key and the
 * keys it trusts, the batch writer and reader built from them, and, given a database, the ledger
 * and the link. Every bean can be replaced by an application's own; bean methods only build
 * (creating the folders and cleaning the outbox happen once every bean is built, in {@link
 * #transferFoldersPreparation}).
 */
@AutoConfiguration(
    after = {
      DataSourceAutoConfiguration.class,
      FlywayAutoConfiguration.class,
      DataSourceTransactionManagerAutoConfiguration.class,
      JdbcClientAutoConfiguration.class,
      ClockAutoConfiguration.class
    },
    afterName = "io.airlock.platform.jobs.JobsAutoConfiguration")
@EnableConfigurationProperties({
  TransferProperties.class,
  NodeProperties.class,
  InboxProperties.class,
  LinkProperties.class,
  RetentionProperties.class
})
class TransferAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TransferAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  TransferFolders transferFolders(NodeProperties node, TransferProperties properties) {
    Path dataDir = node.dataDir();
    return new TransferFolders(
        properties.outbox() != null ? properties.outbox() : dataDir.resolve("outbox"),
        properties.inbox() != null ? properties.inbox() : dataDir.resolve("inbox"));
  }

  @Bean
  @ConditionalOnMissingBean
  SignaturePolicy signaturePolicy(TransferProperties properties) {
    if (!properties.signatures().enabled()) {
      log.warn("Batch signatures are OFF: incoming batches are not verified");
      return SignaturePolicy.disabled();
    }
    return SignaturePolicy.required(TransferKeys.trusted(properties.signatures().trustedKeys()));
  }

  /** Publishes this node's batches; signs them unless signatures are explicitly off. */
  @Bean
  @ConditionalOnMissingBean
  BatchWriter batchWriter(
      TransferFolders folders,
      TransferProperties properties,
      NodeProperties node,
      ObjectProvider<FileSink> files) {
    TransferProperties.Signatures signatures = properties.signatures();
    Path keys = node.dataDir().resolve("keys");
    return new BatchWriter(
        folders.outbox(),
        signatures.enabled()
            ? TransferKeys.signer(
                orDefault(signatures.privateKey(), keys.resolve(node.nodeId() + ".key")),
                orDefault(signatures.publicKey(), keys.resolve(node.nodeId() + ".pub")))
            : null,
        files.getIfAvailable(() -> FileSink.ATOMIC));
  }

  /**
   * Once every bean is built, before anything is sent or received: creates the transfer folders and
   * deletes what an interrupted publication left in the outbox.
   */
  @Bean
  SmartInitializingSingleton transferFoldersPreparation(
      TransferFolders folders, BatchWriter writer) {
    return () -> {
      try {
        folders.create();
      } catch (IOException e) {
        // Not fatal: a transfer share may be mounted later; until then readiness is DOWN.
        log.warn("Could not create the transfer folders: {}", e.toString());
      }
      try {
        int deleted = writer.deleteTemporaryFiles();
        if (deleted > 0) {
          log.info("Deleted {} temporary file(s) an interrupted publication left", deleted);
        }
      } catch (IOException e) {
        log.warn("Could not clean the outbox: {}", e.toString());
      }
    };
  }

  /** Verifies batches from the other side with the trusted keys and the default limits. */
  @Bean
  @ConditionalOnMissingBean
  BatchReader batchReader(SignaturePolicy signaturePolicy) {
    return new BatchReader(signaturePolicy, ReceiveLimits.DEFAULTS);
  }

  @Bean
  @ConditionalOnMissingBean
  OutboxFailures outboxFailures(Clock clock) {
    return new OutboxFailures(clock);
  }

  @Bean
  @ConditionalOnMissingBean(name = "transferFoldersHealthIndicator")
  HealthIndicator transferFoldersHealthIndicator(
      TransferFolders folders,
      BatchWriter writer,
      SignaturePolicy signaturePolicy,
      OutboxFailures outboxFailures) {
    return new TransferFoldersHealthIndicator(folders, writer, signaturePolicy, outboxFailures);
  }

  @Bean
  @ConditionalOnMissingBean
  NodeInfoContributor nodeInfoContributor(NodeProperties node, ObjectProvider<SenderEpoch> sender) {
    return new NodeInfoContributor(node, sender);
  }

  private static Path orDefault(Path configured, Path fallback) {
    return configured != null ? configured : fallback;
  }

  /** The ledger and the link: everything that needs the side's one database. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnSingleCandidate(DataSource.class)
  static class LedgerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    SenderEpoch senderEpoch(NodeProperties node, JdbcClient jdbc) {
      String epoch = jdbc.sql("select epoch from sender_identity").query(String.class).single();
      return new SenderEpoch(node.nodeId(), epoch);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboundBatches outboundBatches(
        JdbcClient jdbc,
        PlatformTransactionManager transactionManager,
        SenderEpoch senderEpoch,
        BatchWriter batchWriter,
        OutboxFailures outboxFailures,
        Clock clock,
        TransferMetrics metrics) {
      return new OutboundBatches(
          jdbc,
          new TransactionTemplate(transactionManager),
          senderEpoch,
          batchWriter,
          outboxFailures,
          clock,
          metrics);
    }

    /**
     * The transfer's metrics: this side receives the channels its features take (and control), and
     * sends the others (and control).
     */
    @Bean
    @ConditionalOnMissingBean
    TransferMetrics transferMetrics(
        ObjectProvider<MeterRegistry> registry,
        TransferLinks links,
        ObjectProvider<InboundChannel> channels,
        Clock clock) {
      MeterRegistry meters = registry.getIfAvailable();
      if (meters == null) {
        return TransferMetrics.none();
      }
      TransferMetrics metrics = new TransferMetrics(meters);
      Set<Channel> received = EnumSet.of(Channel.CONTROL);
      channels.orderedStream().map(InboundChannel::channel).forEach(received::add);
      Set<Channel> sent = EnumSet.complementOf(EnumSet.copyOf(received));
      sent.add(Channel.CONTROL);
      metrics.bindLinks(links, received, sent, clock);
      return metrics;
    }

    /** Re-sends, sends control batches and prunes the archive (DESIGN §2 "Acks"). */
    @Bean
    @ConditionalOnMissingBean
    LinkMaintenance linkMaintenance(
        JdbcClient jdbc,
        OutboundBatches outboundBatches,
        InboundBatches inboundBatches,
        SingletonJobs singletonJobs,
        LinkProperties properties,
        Clock clock) {
      return new LinkMaintenance(
          jdbc, outboundBatches, inboundBatches, singletonJobs, properties, clock);
    }

    /** Runs the link's maintenance on the side's scheduler, unless the link is not maintained. */
    @Bean
    SchedulingConfigurer linkMaintenanceSchedule(
        LinkMaintenance linkMaintenance, LinkProperties properties) {
      return registrar -> {
        if (properties.enabled()) {
          registrar.addFixedDelayTask(
              new FixedDelayTask(
                  linkMaintenance::runScheduled,
                  properties.checkInterval(),
                  properties.checkInterval()));
        }
      };
    }

    /** Removes ledger rows and inbox files past their retention; each side records what went. */
    @Bean
    @ConditionalOnMissingBean
    TransferRetention transferRetention(
        JdbcClient jdbc,
        TransferFolders folders,
        SingletonJobs singletonJobs,
        RetentionProperties properties,
        Clock clock,
        ApplicationEventPublisher events) {
      return new TransferRetention(
          jdbc, folders, singletonJobs, properties, clock, events::publishEvent);
    }

    @Bean
    SchedulingConfigurer transferRetentionSchedule(
        TransferRetention transferRetention, RetentionProperties properties) {
      return RetentionSchedule.of(properties, "Transfer retention", transferRetention::runNow);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    TransferAdminController transferAdminController(LinkMaintenance linkMaintenance) {
      return new TransferAdminController(linkMaintenance);
    }

    @Bean
    @ConditionalOnMissingBean
    InboundBatches inboundBatches(
        JdbcClient jdbc,
        PlatformTransactionManager transactionManager,
        BatchReader batchReader,
        TransferFolders folders,
        SenderEpoch senderEpoch,
        Clock clock,
        TransferMetrics metrics) {
      return new InboundBatches(
          jdbc,
          new TransactionTemplate(transactionManager),
          batchReader,
          folders,
          senderEpoch,
          clock,
          metrics);
    }

    /** Imports what arrives, with the channels this side's features take. */
    @Bean
    @ConditionalOnMissingBean
    InboxImporter inboxImporter(
        InboundBatches inboundBatches,
        TransferFolders folders,
        SingletonJobs singletonJobs,
        ObjectProvider<InboundChannel> channels,
        InboxProperties properties,
        ApplicationEventPublisher events) {
      return new InboxImporter(
          inboundBatches,
          folders,
          singletonJobs,
          channels.orderedStream().toList(),
          properties,
          events);
    }

    @Bean
    @ConditionalOnMissingBean
    TransferLedger transferLedger(JdbcClient jdbc) {
      return new TransferLedger(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    TransferBatches transferBatches(TransferLedger ledger, TransferFolders folders) {
      return new TransferBatches(ledger, new BatchFiles(folders));
    }

    @Bean
    @ConditionalOnMissingBean
    TransferLinks transferLinks(JdbcClient jdbc, SenderEpoch senderEpoch) {
      return new TransferLinks(jdbc, senderEpoch);
    }

    @Bean
    @ConditionalOnMissingBean(name = "linkHealthIndicator")
    HealthIndicator linkHealthIndicator(
        TransferLinks transferLinks,
        TransferProperties properties,
        LinkProperties link,
        Clock clock) {
      // On a one-way link nothing is ever acknowledged: waiting for it is no warning.
      return new LinkHealthIndicator(
          transferLinks, link.oneWay() ? null : properties.unacknowledgedWarning(), clock);
    }

    /** Finishes publications a crash or an unwritable outbox interrupted, once the node is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> outboundRepair(OutboundBatches outboundBatches) {
      return event -> {
        try {
          outboundBatches.repairUnpublished();
        } catch (IOException | RuntimeException e) {
          // The next send on the channel tries again; health shows the outbox problem meanwhile.
          log.warn("Could not publish the interrupted batches yet: {}", e.toString());
        }
      };
    }
  }
}
