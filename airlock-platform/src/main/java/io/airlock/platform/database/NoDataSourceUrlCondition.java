package io.airlock.platform.database;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no {@code spring.datasource.url} is configured, i.e. no real database is given. */
class NoDataSourceUrlCondition extends SpringBootCondition {

  private static final String URL = "spring.datasource.url";

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    ConditionMessage.Builder message = ConditionMessage.forCondition("No " + URL);
    // The value is not reported: a JDBC URL may carry a password.
    return StringUtils.hasText(context.getEnvironment().getProperty(URL))
        ? ConditionOutcome.noMatch(message.found("property").items(URL))
        : ConditionOutcome.match(message.didNotFind("property").items(URL));
  }
}
