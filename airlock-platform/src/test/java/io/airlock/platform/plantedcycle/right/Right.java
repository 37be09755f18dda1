package io.airlock.platform.plantedcycle.right;

import io.airlock.platform.plantedcycle.left.Left;

/** The other half of the cycle planted for ArchitectureTests. */
public class Right {
  public Left left() {
    return new Left();
  }
}
