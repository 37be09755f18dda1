package io.airlock.platform.transfer;

import io.airlock.platform.node.NodeProperties;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The transfer folders, their health, and this node's identity as a sender. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@EnableConfigurationProperties({TransferProperties.class, NodeProperties.class})
class TransferAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TransferAutoConfiguration.class);

  @Bean
  TransferFolders transferFolders(NodeProperties node, TransferProperties properties) {
    Path dataDir = node.dataDir();
    TransferFolders folders =
        new TransferFolders(
            properties.outbox() != null ? properties.outbox() : dataDir.resolve("outbox"),
            properties.inbox() != null ? properties.inbox() : dataDir.resolve("inbox"));
    try {
      folders.create();
    } catch (IOException e) {
      // Not fatal: a transfer share may be mounted later; until then readiness is DOWN.
      log.warn("Could not create the transfer folders: {}", e.toString());
    }
    return folders;
  }

  @Bean
  HealthIndicator transferFoldersHealthIndicator(
      TransferFolders folders, TransferProperties properties) {
    return new TransferFoldersHealthIndicator(folders, properties.signatures().enabled());
  }

  @Bean
  @ConditionalOnSingleCandidate(DataSource.class)
  @DependsOnDatabaseInitialization
  SenderIdentity senderIdentity(NodeProperties node, DataSource dataSource) {
    String epoch =
        JdbcClient.create(dataSource)
            .sql("select epoch from sender_identity")
            .query(String.class)
            .single();
    return new SenderIdentity(node.nodeId(), epoch);
  }

  @Bean
  NodeInfoContributor nodeInfoContributor(
      NodeProperties node, ObjectProvider<SenderIdentity> sender) {
    return new NodeInfoContributor(node, sender);
  }
}
