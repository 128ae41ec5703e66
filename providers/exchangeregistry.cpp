#include "exchangeregistry.h"

#include "exchange.h"

#include <binance/binanceexchange.h>
#include <binanceusdm/binanceusdmexchange.h>
#include <bybit/bybitexchange.h>
#include <coinbase/coinbaseexchange.h>
#include <demo/demoexchange.h>
#include <okx/okxexchange.h>

namespace Candlewick::ExchangeRegistry {

const QList<const Exchange *> &all()
{
    static const QList<const Exchange *> exchanges{
        &Binance::spot(), &BinanceUsdm::exchange(), &Bybit::spot(),    &Bybit::linear(),
        &Okx::exchange(), &Coinbase::exchange(),    &Demo::exchange(),
    };
    return exchanges;
}

QStringList ids()
{
    QStringList list;
    for (const Exchange *e : all())
        list.append(e->id);
    return list;
}

const Exchange *find(const QString &id)
{
    for (const Exchange *e : all()) {
        if (e->id == id)
            return e;
    }
    return nullptr;
}

const Exchange &defaultExchange()
{
    return *all().first();
}

const Exchange &offline()
{
    for (const Exchange *e : all()) {
        if (!e->needsNetwork)
            return *e;
    }
    Q_UNREACHABLE();
}

} // namespace Candlewick::ExchangeRegistry
