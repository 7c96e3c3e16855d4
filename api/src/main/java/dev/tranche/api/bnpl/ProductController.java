package dev.tranche.api.bnpl;

import dev.tranche.activities.bnpl.ProductCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The product catalogue: every version of every product with its terms (any signed-in caller). */
@RestController
class ProductController {

  private final ProductCatalogue products;

  ProductController(ProductCatalogue products) {
    this.products = products;
  }

  @Operation(summary = "The product catalogue: each product's versions and terms, newest version first")
  @GetMapping("/api/v1/products")
  List<ProductCatalogue.Product> products() {
    return products.all();
  }
}
