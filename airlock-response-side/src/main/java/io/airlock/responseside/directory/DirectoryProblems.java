package io.airlock.responseside.directory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The directory's refusals as problem details, for its controllers. */
@RestControllerAdvice(
    assignableTypes = {UserController.class, ProfileTypeController.class, SettingController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectoryProblems {

  @ExceptionHandler
  ProblemDetail userNotFound(UserNotFound ex) {
    return problem(HttpStatus.NOT_FOUND, "User not found", ex);
  }

  @ExceptionHandler
  ProblemDetail profileTypeNotFound(ProfileTypeNotFound ex) {
    return problem(HttpStatus.NOT_FOUND, "Profile type not found", ex);
  }

  // The request is well formed but names something that does not exist: 422, not 404.
  @ExceptionHandler
  ProblemDetail unknownProfileType(UnknownProfileType ex) {
    ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown profile type", ex);
    problem.setProperty("field", "profile_type");
    return problem;
  }

  @ExceptionHandler
  ProblemDetail usernameTaken(UsernameTaken ex) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "Username taken", ex);
    problem.setProperty("field", "username");
    return problem;
  }

  @ExceptionHandler
  ProblemDetail profileTypeExists(ProfileTypeExists ex) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "Profile type exists", ex);
    problem.setProperty("field", "name");
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
    problem.setTitle(title);
    return problem;
  }
}
