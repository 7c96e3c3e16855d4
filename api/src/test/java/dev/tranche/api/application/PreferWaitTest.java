package dev.tranche.api.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7240's wait preference: read when it is there, capped at 30 s, ignored when it is not understood. */
class PreferWaitTest {

  @Test
  void reads_the_wait_among_other_preferences_and_caps_it() {
    assertThat(PreferWait.seconds("wait=10")).isEqualTo(10);
    assertThat(PreferWait.seconds("respond-async, wait=5")).isEqualTo(5);
    assertThat(PreferWait.seconds("WAIT = \"7\"; handling=lenient")).isEqualTo(7);
    assertThat(PreferWait.seconds("wait=600")).isEqualTo(30);
  }

  @Test
  void ignores_what_it_does_not_understand() {
    assertThat(PreferWait.seconds(null)).isNull();
    assertThat(PreferWait.seconds("")).isNull();
    assertThat(PreferWait.seconds("wait=0")).isNull();
    assertThat(PreferWait.seconds("wait=abc")).isNull();
    assertThat(PreferWait.seconds("await=5")).isNull();
    assertThat(PreferWait.seconds("return=minimal")).isNull();
    assertThat(PreferWait.seconds("wait=" + "9".repeat(300))).isNull();
  }
}
