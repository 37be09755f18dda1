package io.airlock.responseside.directory;

import io.airlock.platform.web.InvalidField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

@RestController
@RequestMapping("/admin/settings")
class SettingController {

  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final Directory directory;
  private final DirectoryAdministration administration;

  SettingController(Directory directory, DirectoryAdministration administration) {
    this.directory = directory;
    this.administration = administration;
  }

  @GetMapping
  List<SettingView> list() {
    return directory.settings().stream().map(SettingView::of).toList();
  }

  @PutMapping("/{key}")
  SettingView put(@PathVariable String key, @Valid @RequestBody SettingBody body, Principal admin) {
    if (!KEY.matcher(key).matches()) {
      throw new InvalidField("key", "must match " + KEY.pattern());
    }
    return SettingView.of(administration.putSetting(key, body.value(), admin.getName()));
  }

  record SettingBody(@NotNull @Size(max = 10_000) String value) {}

  @JsonNaming(SnakeCaseStrategy.class)
  record SettingView(String key, String value, long version, Instant updatedAt) {

    static SettingView of(Setting setting) {
      return new SettingView(
          setting.key(), setting.value(), setting.version(), setting.updatedAt());
    }
  }
}
