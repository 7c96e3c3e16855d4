package dev.tranche.api.devtoken;

import dev.tranche.api.application.DemoPortfolio;
import dev.tranche.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/dev/portfolio}: seeds a demo portfolio through the real workflows (OPS, ADMIN), so the
 * console has loans to show on a first start; {@code GET /api/v1/dev/portfolio/{batch}} follows it. The
 * {@code Idempotency-Key} names the batch: a repeat answers the same batch and makes no second one. Exists
 * only in the embedded profile.
 */
@RestController
@Profile("embedded")
@RequestMapping("/api/v1/dev/portfolio")
class DevPortfolioController {

  /** Percentages of loans that pay on time, pay the first installment late, never pay; they add up to 100. */
  record MixBody(@NotNull @Min(0) @Max(100) Integer current, @NotNull @Min(0) @Max(100) Integer late,
      @NotNull @Min(0) @Max(100) Integer defaulting) {

    @AssertTrue(message = "current + late + defaulting must be 100")
    boolean isWhole() {
      return current == null || late == null || defaulting == null || current + late + defaulting == 100;
    }
  }

  record SeedBody(@NotNull @Min(1) @Max(1000) Integer loans, @Valid MixBody mix) {
  }

  private final DemoPortfolio portfolio;

  DevPortfolioController(DemoPortfolio portfolio) {
    this.portfolio = portfolio;
  }

  @Operation(summary = "Embedded run only: seeds loans through the real workflows with a current, late and defaulting"
      + " mix (OPS)")
  @PostMapping
  ResponseEntity<DemoPortfolio.Progress> seed(@Valid @RequestBody SeedBody body,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Pattern(regexp = "^[A-Za-z0-9_-]{1,40}$", message = "must be 1 to 40 letters, digits, - or _") String key) {
    MixBody mix = body.mix() == null ? new MixBody(75, 15, 10) : body.mix();
    String batch = key != null ? key : UUID.randomUUID().toString().substring(0, 8);
    DemoPortfolio.Progress progress = portfolio.start(batch, body.loans(),
        new DemoPortfolio.Mix(mix.current(), mix.late(), mix.defaulting()));
    if (progress.loans() != body.loans() || !progress.mix().equals(
        new DemoPortfolio.Mix(mix.current(), mix.late(), mix.defaulting()))) {
      throw ApiProblem.conflict("batch " + batch + " was started with other settings");
    }
    return ResponseEntity.accepted().location(URI.create("/api/v1/dev/portfolio/" + batch)).body(progress);
  }

  @Operation(summary = "Embedded run only: how far a seeded batch has got (OPS)")
  @GetMapping("/{batch}")
  DemoPortfolio.Progress progress(@PathVariable String batch) {
    return portfolio.progress(batch).orElseThrow(() -> ApiProblem.notFound("demo portfolio batch " + batch));
  }
}
