package dev.tranche.collections;

/**
 * The days after a missed due date on which a collection case moves, from the loan's product: friendly reminder,
 * warning, final notice, late fee, liquidation warning (collateralised loans) and the hand-off (liquidation or
 * agency). Cases and terms recorded before products carried it have none: they walk {@link #STANDARD}.
 */
public record CollectionLadder(int friendly, int warning, int finalNotice, int lateFee, int liquidationWarning,
    int handOff) {

  /** The 1.0 ladder: 1, 7, 13, 14, 21, 30. */
  public static final CollectionLadder STANDARD = new CollectionLadder(1, 7, 13, 14, 21, 30);

  public CollectionLadder {
    if (friendly < 1 || warning < friendly || finalNotice < warning || lateFee < finalNotice
        || liquidationWarning < lateFee || handOff < liquidationWarning) {
      throw new IllegalArgumentException("a ladder's days must start at 1 or later and never go back: " + friendly
          + "/" + warning + "/" + finalNotice + "/" + lateFee + "/" + liquidationWarning + "/" + handOff);
    }
  }

  /** {@code ladder}, or the standard one when there is none. */
  public static CollectionLadder orStandard(CollectionLadder ladder) {
    return ladder == null ? STANDARD : ladder;
  }
}
