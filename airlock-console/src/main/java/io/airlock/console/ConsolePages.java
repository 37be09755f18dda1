package io.airlock.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * Marks a controller of console pages: it gets the console's model (the navigation, the signed-in
 * user, the text direction) that the REST controllers do without. A side's pages live in the
 * feature package of the REST controller they share their services with.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface ConsolePages {}
