#include "providerfactory.h"

#include "binancerestprovider.h"
#include "mockprovider.h"

namespace Candlewick::ProviderFactory {

QStringList exchanges()
{
    return {QStringLiteral("binance"), QStringLiteral("demo")};
}

MarketDataProvider *createHistoryProvider(const QString &exchange, const Endpoints &endpoints,
                                          Clock *clock, QObject *parent)
{
    if (exchange == QLatin1StringView("binance"))
        return new BinanceRestProvider(endpoints.restUrl, clock, parent);
    if (exchange == QLatin1StringView("demo"))
        return new MockProvider(1, clock, parent);
    return nullptr;
}

} // namespace Candlewick::ProviderFactory
