import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.token.js';
import { MarketService } from './market.service.js';
import { OptionsController } from './options.controller.js';
import { OptionsService } from './options.service.js';
import { QUOTE_PROVIDER } from './quote-provider.js';
import { QuoteService } from './quote.service.js';
import { QuotesController } from './quotes.controller.js';
import { SimulatedQuoteProvider } from './simulated-quote-provider.js';

/** Quotes, the simulated feed and options chains. MarketService.tick() is for the scheduler to call. */
@Module({
  controllers: [QuotesController, OptionsController],
  providers: [
    {
      provide: QUOTE_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SimulatedQuoteProvider(config.market.seed, config.market.tickMs),
    },
    MarketService,
    QuoteService,
    OptionsService,
  ],
  exports: [MarketService, QuoteService, OptionsService],
})
export class MarketModule {}
