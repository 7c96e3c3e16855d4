package dev.tranche.api.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.api.application.DemoPortfolio.Behaviour;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPortfolioPlanTest {

  @Test
  void each_share_is_there_in_full_and_spread_through_the_batch() {
    List<Behaviour> plan = DemoPortfolio.plan(500, new DemoPortfolio.Mix(75, 15, 10));
    assertThat(plan).hasSize(500);
    assertThat(Collections.frequency(plan, Behaviour.DEFAULTING)).isEqualTo(50);
    assertThat(Collections.frequency(plan, Behaviour.LATE)).isEqualTo(75);
    assertThat(Collections.frequency(plan.subList(0, 100), Behaviour.DEFAULTING)).isEqualTo(10);
    assertThat(Collections.frequency(plan.subList(0, 100), Behaviour.LATE)).isEqualTo(15);
  }

  @Test
  void a_small_batch_keeps_every_share_it_can_hold() {
    List<Behaviour> plan = DemoPortfolio.plan(4, new DemoPortfolio.Mix(50, 25, 25));
    assertThat(plan).containsExactlyInAnyOrder(Behaviour.CURRENT, Behaviour.CURRENT, Behaviour.LATE,
        Behaviour.DEFAULTING);
    assertThat(DemoPortfolio.plan(3, new DemoPortfolio.Mix(100, 0, 0))).containsOnly(Behaviour.CURRENT);
  }
}
