package io.airlock.transfer.shuttle;

/**
 * How often the shuttle mistreats a batch, each a probability from 0 to 1, drawn independently per
 * batch and tick. The protocol must survive all of them: every request answered exactly once.
 *
 * @param drop the batch is lost
 * @param duplicate the batch is delivered, and again on a later tick
 * @param delay the batch is held back for a few ticks, so later batches overtake it
 * @param truncate the payload arrives cut short
 * @param corrupt one byte of the payload or manifest arrives flipped
 */
public record ShuttleFaults(
    double drop, double duplicate, double delay, double truncate, double corrupt) {

  /** A perfect medium. */
  public static final ShuttleFaults NONE = new ShuttleFaults(0, 0, 0, 0, 0);

  public ShuttleFaults {
    for (double rate : new double[] {drop, duplicate, delay, truncate, corrupt}) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("fault rates are probabilities: " + rate);
      }
    }
  }
}
