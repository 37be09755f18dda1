package io.airlock.platform.plantedcycle.left;

import io.airlock.platform.plantedcycle.right.Right;

/** Half of a cycle planted for ArchitectureTests, which must see it. */
public class Left {
  public Right right() {
    return new Right();
  }
}
