package io.airlock.responseside.outbound;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The exporters run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ResultExportProperties.class, SnapshotProperties.class})
class SchedulingConfiguration {}
