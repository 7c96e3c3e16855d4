package dev.tranche.api.bnpl;

import dev.tranche.activities.bnpl.ProductCatalogue;
import dev.tranche.activities.support.Json;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The product catalogue: every version of every product with its terms (any signed-in caller). */
@RestController
class ProductController {

  /** One version of a product; {@code terms} as the catalogue stores them (amounts and rates as decimal strings). */
  record ProductView(String code, int version, String name, String kind, Map<String, Object> terms) {
  }

  private final ProductCatalogue products;

  ProductController(ProductCatalogue products) {
    this.products = products;
  }

  @Operation(summary = "The product catalogue: each product's versions and terms, newest version first")
  @GetMapping("/api/v1/products")
  @SuppressWarnings("unchecked")
  List<ProductView> products() {
    return products.all().stream().map(p -> new ProductView(p.code(), p.version(), p.name(), p.kind(),
        Json.MAPPER.convertValue(p.terms(), Map.class))).toList();
  }
}
