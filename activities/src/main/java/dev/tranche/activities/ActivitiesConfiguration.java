package dev.tranche.activities;

import dev.tranche.activities.bnpl.BnplProperties;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.activities.marketplace.MarketplaceProperties;
import dev.tranche.activities.partner.PartnerProperties;
import dev.tranche.activities.pool.PoolLendingProperties;
import dev.tranche.activities.servicing.ServicingProperties;
import dev.tranche.activities.support.TrancheProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/** Everything of the activities module: import this to get the store, adapters and activity beans. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableJdbcRepositories
@EnableConfigurationProperties({TrancheProperties.class, MarketplaceProperties.class, PartnerProperties.class,
    ServicingProperties.class, ChainProperties.class, BnplProperties.class,
    PoolLendingProperties.class})
public class ActivitiesConfiguration {
}
