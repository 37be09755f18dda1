package io.airlock.console;

import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: added to the model of {@link ConsolePages} only. */
@ControllerAdvice(annotations = ConsolePages.class)
class ConsoleModel {

  /** The languages the console speaks, by their tag; each has a message bundle. */
  static final String[] LANGUAGES = {"en", "fa"};

  private final ConsoleNavigation navigation;

  ConsoleModel(ConsoleNavigation navigation) {
    this.navigation = navigation;
  }

  /**
   * The page's frame.
   *
   * @param user the signed-in user's name, or null on the sign-in page
   * @param rtl whether the language is written right to left
   */
  record Frame(
      String sideKey,
      String user,
      boolean admin,
      java.util.List<ConsoleNavigation.Item> navigation,
      String language,
      boolean rtl,
      String[] languages) {}

  @ModelAttribute("console")
  Frame frame(Locale locale) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    boolean signedIn = authentication != null && authentication.isAuthenticated();
    String user =
        signedIn && !"anonymousUser".equals(authentication.getName())
            ? authentication.getName()
            : null;
    boolean admin =
        user != null
            && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch("ROLE_ADMIN"::equals);
    String language = locale.getLanguage();
    return new Frame(
        navigation.sideKey(),
        user,
        admin,
        user == null ? java.util.List.of() : navigation.visibleTo(admin),
        language,
        "fa".equals(language),
        LANGUAGES);
  }
}
