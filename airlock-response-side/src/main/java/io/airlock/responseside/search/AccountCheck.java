package io.airlock.responseside.search;

import java.util.List;

/**
 * What the check of this side's engine account found: whether the account can read indices outside
 * the allowed ones, which only the engine's security, not this side, can forbid.
 */
sealed interface AccountCheck
    permits AccountCheck.NotChecked,
        AccountCheck.Confined,
        AccountCheck.Overreaching,
        AccountCheck.Unverifiable,
        AccountCheck.Postponed {

  /** What the check came to, in a sentence for health and the log. */
  String summary();

  /** The engine has no security (or no URL is set): every account reads everything there. */
  record NotChecked(String reason) implements AccountCheck {

    @Override
    public String summary() {
      return reason;
    }
  }

  /**
   * The account reads none of the indices outside the allowed ones that it can see.
   *
   * @param outsideIndices how many indices outside the allowed ones it sees but cannot read
   */
  record Confined(String user, List<String> roles, int outsideIndices) implements AccountCheck {

    public Confined {
      roles = List.copyOf(roles);
    }

    @Override
    public String summary() {
      return "the search account " + user + " reads no index outside the allowed ones";
    }
  }

  /**
   * The account reads indices outside the allowed ones.
   *
   * @param indices some of them: at most {@link AccountInspection#MAX_NAMED}, since the check stops
   *     there
   */
  record Overreaching(String user, List<String> roles, List<String> indices)
      implements AccountCheck {

    public Overreaching {
      roles = List.copyOf(roles);
      indices = List.copyOf(indices);
    }

    @Override
    public String summary() {
      String more = indices.size() >= AccountInspection.MAX_NAMED ? " (and maybe more)" : "";
      return "the search account "
          + user
          + " can read indices outside the allowed ones: "
          + String.join(", ", indices)
          + more
          + "; give it a role that reads only the allowed indices";
    }
  }

  /** The engine has security, but what the account reads could not be fully established. */
  record Unverifiable(String user, List<String> roles, String reason) implements AccountCheck {

    public Unverifiable {
      roles = List.copyOf(roles);
    }

    @Override
    public String summary() {
      return "the search account " + user + ": " + reason + "; not fully verifiable";
    }
  }

  /** The engine did not answer; the check is tried again later. */
  record Postponed(String reason) implements AccountCheck {

    @Override
    public String summary() {
      return "the engine did not answer (" + reason + "); checking again later";
    }
  }
}
