package io.airlock.console;

import io.airlock.platform.web.InvalidField;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page's layout needs, added to the model of {@link ConsolePages} only; and
 * their errors as pages rather than the API's problem details (before the platform's advice).
 */
@ControllerAdvice(annotations = ConsolePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
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
   * @param language the page's language: the caller's, if the console speaks it, else English
   * @param rtl whether the language is written right to left
   * @param languages each language's link to this same page, keeping its parameters
   * @param here this page's address, to link to it with a parameter changed
   */
  record Frame(
      String sideKey,
      String user,
      boolean admin,
      List<ConsoleNavigation.Item> navigation,
      String language,
      boolean rtl,
      Map<String, String> languages,
      Here here) {}

  @ModelAttribute("console")
  Frame frame(Locale locale, HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    String user =
        authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken
            ? null
            : authentication.getName();
    boolean admin =
        user != null
            && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch("ROLE_ADMIN"::equals);
    String language =
        ConsoleAutoConfiguration.supported(locale) ? locale.getLanguage() : LANGUAGES[0];
    Here here = Here.of(request);
    Map<String, String> languages = new LinkedHashMap<>();
    for (String each : LANGUAGES) {
      languages.put(each, here.with("lang", each));
    }
    return new Frame(
        navigation.sideKey(),
        user,
        admin,
        user == null ? List.of() : navigation.visibleTo(admin),
        language,
        "fa".equals(language),
        languages,
        here);
  }

  /** A page that refused (not found, bad input): its status, in the layout. */
  @ExceptionHandler({ResponseStatusException.class, ErrorResponseException.class})
  ModelAndView refused(
      Exception refused, Locale locale, HttpServletRequest request, HttpServletResponse response) {
    int status = ((ErrorResponse) refused).getStatusCode().value();
    response.setStatus(status);
    return errorPage(status, null, locale, request);
  }

  /**
   * A page whose input is wrong (a filter out of range, an unknown value): 400, saying what is
   * wrong, in the layout.
   */
  @ExceptionHandler(InvalidField.class)
  ModelAndView badInput(
      InvalidField refused,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    response.setStatus(400);
    return errorPage(400, refused.getLocalizedMessage(), locale, request);
  }

  private ModelAndView errorPage(
      int status, String why, Locale locale, HttpServletRequest request) {
    ModelAndView page = new ModelAndView("console/error");
    page.addObject("console", frame(locale, request));
    page.addObject("status", status);
    page.addObject("notFound", status == 404);
    page.addObject("why", why);
    return page;
  }
}
