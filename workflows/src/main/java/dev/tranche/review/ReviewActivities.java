package dev.tranche.review;

import io.temporal.activity.ActivityInterface;

/** Maintains the review queue read model. Upserts by application id. */
@ActivityInterface
public interface ReviewActivities {

  void upsertTicket(ReviewTicket ticket);
}
