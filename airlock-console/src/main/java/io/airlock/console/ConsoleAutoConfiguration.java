package io.airlock.console;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's foundation, for a side that provides its {@link ConsoleNavigation}: the language
 * (the browser's {@code Accept-Language}, or the one chosen with {@code ?lang=}, remembered in a
 * cookie), the session cookie, the sign-in page and the shared page model. The side adds its chain
 * with {@link ConsoleSecurity#chain} and its pages with {@link ConsolePages}.
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ConsoleNavigation.class)
@EnableConfigurationProperties(ConsoleProperties.class)
@Import({ConsoleModel.class, SignInPage.class})
public class ConsoleAutoConfiguration {

  /** The browser session's cookie. */
  public static final String SESSION_COOKIE = "AIRLOCK_SESSION";

  static final String LANGUAGE_COOKIE = "airlock-lang";

  @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
  LocaleResolver localeResolver() {
    // Without the cookie, Accept-Language as before: the API's messages keep their language too.
    CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieSameSite("Strict");
    return resolver;
  }

  @Bean
  WebMvcConfigurer consoleLanguageSwitch() {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change =
            new LocaleChangeInterceptor() {
              @Override
              protected Locale parseLocaleValue(String value) {
                Locale locale = super.parseLocaleValue(value);
                if (locale == null || !supported(locale)) {
                  throw new IllegalArgumentException("not a console language: " + value);
                }
                return locale;
              }
            };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
      }
    };
  }

  /** HttpOnly and {@code SameSite=Strict}; {@code Secure} whenever the request came over TLS. */
  @Bean
  CookieSerializer cookieSerializer() {
    DefaultCookieSerializer cookie = new DefaultCookieSerializer();
    cookie.setCookieName(SESSION_COOKIE);
    cookie.setCookiePath("/");
    cookie.setUseHttpOnlyCookie(true);
    cookie.setSameSite("Strict");
    return cookie;
  }

  static boolean supported(Locale locale) {
    for (String language : ConsoleModel.LANGUAGES) {
      if (language.equals(locale.getLanguage())) {
        return true;
      }
    }
    return false;
  }
}
