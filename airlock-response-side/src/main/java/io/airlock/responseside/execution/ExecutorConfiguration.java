package io.airlock.responseside.execution;

import io.airlock.platform.node.NodeProperties;
import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.responseside.queue.RequestQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecutorProperties.class)
class ExecutorConfiguration {

  // The node id alone is not unique: several instances of a side share it and one database.
  @Bean
  Workers workers(
      RequestQueue queue,
      QueryExecution execution,
      ExecutorProperties properties,
      NodeProperties node,
      DatabaseSignals signals,
      MeterRegistry registry) {
    String instanceId = node.nodeId() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Workers workers = new Workers(queue, execution, properties, instanceId, registry);
    signals.subscribe(Workers.QUEUE_CHANNEL, workers::wake);
    return workers;
  }
}
