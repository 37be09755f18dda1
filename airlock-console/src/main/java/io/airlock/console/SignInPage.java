package io.airlock.console;

import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and the root of the side, which leads to the console. */
@ConsolePages
class SignInPage {

  @GetMapping("/")
  String root() {
    return "redirect:/console";
  }

  @GetMapping(ConsoleSecurity.SIGN_IN)
  String signIn() {
    return "console/sign-in";
  }
}
