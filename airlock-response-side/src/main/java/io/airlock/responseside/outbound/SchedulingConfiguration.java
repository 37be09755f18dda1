package io.airlock.responseside.outbound;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The exporters' settings; they run on the side's scheduler (the platform's JobsAutoConfiguration).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ResultExportProperties.class, SnapshotProperties.class})
class SchedulingConfiguration {}
