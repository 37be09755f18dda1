package io.airlock.platform.signals;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The side's {@link DatabaseSignals}: one listening connection per instance. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
class SignalsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  DatabaseSignals databaseSignals(DataSource dataSource) {
    return new DatabaseSignals(dataSource);
  }
}
