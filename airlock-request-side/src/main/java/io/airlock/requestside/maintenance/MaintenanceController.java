package io.airlock.requestside.maintenance;

import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * This side's own maintenance mode, for its administrators (under {@code /admin}, so admins only):
 * while it is on, new submissions are refused with its message; reads go on.
 */
@RestController
@RequestMapping("/admin/maintenance")
@Tag(name = "Admin")
class MaintenanceController {

  static final String DEFAULT_MESSAGE =
      "Airlock is under maintenance: new requests are not taken for now. Please try again later.";

  private final Maintenance maintenance;
  private final MaintenanceSwitch local;

  MaintenanceController(Maintenance maintenance, MaintenanceSwitch local) {
    this.maintenance = maintenance;
    this.local = local;
  }

  /**
   * @param message what users are told; blank: {@link #DEFAULT_MESSAGE}
   */
  record Switch(@NotNull Boolean enabled, @Size(max = 2_000) String message) {}

  /** This side's own switch, as it stands. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Local(boolean enabled, String message, String changedBy, Instant changedAt) {}

  /**
   * Whether submissions are refused, and why.
   *
   * @param source {@code local}, {@code directory} (the response side's setting) or null
   */
  record View(boolean enabled, String message, String source, Local local) {}

  @GetMapping
  @Operation(summary = "Whether new submissions are refused for maintenance, and by whose switch")
  View get() {
    Maintenance.State state = maintenance.now();
    Local own =
        local
            .current()
            .map(on -> new Local(true, on.message(), on.changedBy(), on.changedAt()))
            .orElse(new Local(false, null, null, null));
    return new View(state.on(), state.message(), state.source(), own);
  }

  @PutMapping
  @Operation(summary = "Switches this side's own maintenance mode on (with a message) or off")
  View put(@AuthenticationPrincipal Caller admin, @Valid @RequestBody Switch body) {
    if (!body.enabled()) {
      return delete(admin);
    }
    String message = body.message() == null ? "" : body.message().strip();
    maintenance.switchOn(message.isEmpty() ? DEFAULT_MESSAGE : message, admin.username());
    return get();
  }

  @DeleteMapping
  @Operation(summary = "Switches this side's own maintenance mode off")
  View delete(@AuthenticationPrincipal Caller admin) {
    maintenance.switchOff(admin.username());
    return get();
  }
}
