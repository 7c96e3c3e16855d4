package dev.tranche.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;

/** What every JSON body the API binds goes through. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

  @Bean
  JacksonModule nulText() {
    return NulText.module();
  }

  @Bean
  JacksonModule apiJson() {
    return ApiJson.module();
  }
}
