package io.airlock.requestside.notifications;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's choice of how to hear of their ended requests; no row is "none". */
@Repository
class NotificationPreferences {

  /** A stored choice; the secret is read only to sign, never answered to anyone. */
  record Stored(String channel, String webhookUrl, String webhookSecret) {}

  private final JdbcClient jdbc;

  NotificationPreferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Stored> of(UUID user) {
    return jdbc.sql(
            """
            select channel, webhook_url, webhook_secret from notification_preferences
            where user_id = :user""")
        .param("user", user)
        .query(
            (rs, row) ->
                new Stored(
                    rs.getString("channel"),
                    rs.getString("webhook_url"),
                    rs.getString("webhook_secret")))
        .optional();
  }

  /** The choice, replacing the one before; a webhook's URL and secret only with the webhook. */
  void save(UUID user, String channel, String webhookUrl, String webhookSecret) {
    jdbc.sql(
            """
            insert into notification_preferences (user_id, channel, webhook_url, webhook_secret)
            values (:user, :channel, :url, :secret)
            on conflict (user_id) do update set
                channel = excluded.channel, webhook_url = excluded.webhook_url,
                webhook_secret = excluded.webhook_secret, changed_at = now()""")
        .param("user", user)
        .param("channel", channel)
        .param("url", webhookUrl)
        .param("secret", webhookSecret)
        .update();
  }

  void none(UUID user) {
    jdbc.sql("delete from notification_preferences where user_id = :user")
        .param("user", user)
        .update();
  }
}
