package dev.tranche.workers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SSN-shaped values are masked in the JSON logs; digit runs inside ids (a hex trace id) are not. */
class PiiMaskingJsonLogsTest {

  @Test
  void masks_an_ssn_written_either_way() {
    assertThat(PiiMaskingJsonLogs.mask("probe 987-65-4321 and 987654321, ssn=123456789."))
        .isEqualTo("probe ***-**-**** and ***-**-****, ssn=***-**-****.");
  }

  @Test
  void leaves_digit_runs_inside_longer_tokens_alone() {
    assertThat(PiiMaskingJsonLogs.mask("ca9f6be152114080a4153f675f1a56bc")).isEqualTo("ca9f6be152114080a4153f675f1a56bc");
    assertThat(PiiMaskingJsonLogs.mask("order 1234567890")).isEqualTo("order 1234567890");
  }
}
