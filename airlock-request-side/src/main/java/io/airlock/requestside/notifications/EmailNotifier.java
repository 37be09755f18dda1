package io.airlock.requestside.notifications;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/** Tells a user by email, through Spring's mail sender ({@code spring.mail.*}). */
@Component
class EmailNotifier {

  private final ObjectProvider<MailSender> mail;
  private final NotificationProperties properties;

  EmailNotifier(ObjectProvider<MailSender> mail, NotificationProperties properties) {
    this.mail = mail;
    this.properties = properties;
  }

  Attempt send(String to, EndedRequest ended) {
    MailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return new Attempt.Refused("this side has no mail server (spring.mail.host)");
    }
    if (to == null || to.isBlank()) {
      return new Attempt.Refused("the user had no email address when the request ended");
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.email().from());
    message.setTo(to);
    message.setSubject("Your Airlock request has " + ended.status());
    message.setText(text(ended));
    try {
      sender.send(message);
      return new Attempt.Sent();
    } catch (MailParseException e) {
      return new Attempt.Refused("the address or the message cannot be sent: " + e.getMessage());
    } catch (MailException e) {
      return new Attempt.Failed(e.getMessage());
    }
  }

  static String text(EndedRequest ended) {
    StringBuilder text =
        new StringBuilder("Your request ")
            .append(ended.requestId())
            .append(" has ")
            .append(ended.status())
            .append(".\n");
    if (ended.statusReason() != null) {
      text.append("Reason: ").append(ended.statusReason()).append('\n');
    }
    return text.append("\nSee it at ").append(ended.page()).append("\n\n-- \nAirlock\n").toString();
  }
}
