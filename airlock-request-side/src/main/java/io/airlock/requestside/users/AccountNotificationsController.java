package io.airlock.requestside.users;

import io.airlock.requestside.notifications.NotificationChoices;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * How the user hears that a request of theirs has ended (completed, failed or expired): none, by
 * email, or by a signed webhook. The same {@link NotificationChoices} as the account page.
 */
@RestController
@RequestMapping("/users/me/notifications")
@Tag(name = "Notifications")
class AccountNotificationsController {

  private final NotificationChoices choices;
  private final Users users;

  AccountNotificationsController(NotificationChoices choices, Users users) {
    this.choices = choices;
    this.users = users;
  }

  /**
   * @param channel {@code none}, {@code email} or {@code webhook}
   * @param webhookUrl for a webhook: where to post, under one of the administrator's allowed URLs
   * @param webhookSecret for a webhook: your own secret to sign with (16 to 200 printable
   *     characters); leave it out to keep the current one, or to have one generated for a new
   *     webhook
   */
  @JsonNaming(SnakeCaseStrategy.class)
  record ChoiceForm(
      @NotNull String channel,
      @Size(max = 2_000) String webhookUrl,
      @Size(max = 200) String webhookSecret) {}

  /**
   * The user's choice. Never the secret: only whether there is one, but for the one answer that
   * generated it.
   *
   * @param email where email goes: the address in the user's account
   * @param webhookSecret a secret just generated, shown this once; null otherwise
   * @param emailAvailable whether this side can send email (it has a mail server)
   * @param allowedWebhookUrls the URLs a webhook may be under; empty: webhooks are refused
   */
  @JsonNaming(SnakeCaseStrategy.class)
  record ChoiceView(
      String channel,
      String email,
      String webhookUrl,
      boolean webhookSecretSet,
      String webhookSecret,
      boolean emailAvailable,
      List<URI> allowedWebhookUrls) {}

  /**
   * @param webhookSecret the new secret, shown this once
   */
  @JsonNaming(SnakeCaseStrategy.class)
  record NewSecret(String webhookSecret) {}

  @GetMapping
  @Operation(summary = "How you hear that a request of yours has ended")
  ChoiceView get(@AuthenticationPrincipal Caller caller) {
    return view(caller, choices.of(caller.id()), null);
  }

  @PutMapping
  @Operation(
      summary = "Chooses how you hear that a request of yours has ended",
      description =
          "none; email (to the address in your account); or webhook: a JSON POST of delivery_id,"
              + " request_id, status, status_reason, stages and response_url, signed"
              + " X-Airlock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\"> with"
              + " your secret. A webhook without a secret of your own gets a generated one,"
              + " answered this once as webhook_secret.")
  ChoiceView put(@AuthenticationPrincipal Caller caller, @Valid @RequestBody ChoiceForm form) {
    NotificationChoices.Chosen chosen =
        choices.choose(
            caller.id(),
            caller.username(),
            email(caller),
            form.channel(),
            form.webhookUrl(),
            form.webhookSecret());
    return view(caller, chosen.choice(), chosen.generatedSecret());
  }

  @PostMapping("/webhook-secret")
  @Operation(summary = "Generates a new secret for your webhook; answered this once")
  NewSecret newSecret(@AuthenticationPrincipal Caller caller) {
    return new NewSecret(choices.newSecret(caller.id(), caller.username()));
  }

  private ChoiceView view(Caller caller, NotificationChoices.Choice choice, String generated) {
    return new ChoiceView(
        choice.channel(),
        email(caller),
        choice.webhookUrl(),
        choice.webhookSecretSet(),
        generated,
        choices.emailAvailable(),
        choices.allowedWebhookUrls());
  }

  private String email(Caller caller) {
    return users.byId(caller.id()).map(User::email).orElse(null);
  }
}
