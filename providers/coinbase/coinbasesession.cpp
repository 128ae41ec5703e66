#include "coinbasesession.h"

#include "coinbaserestprovider.h"

namespace Candlewick {

CoinbaseSession::CoinbaseSession(const Exchange &exchange, const Endpoints &endpoints, Clock *clock,
                                 QObject *parent)
    : ExchangeSession(exchange, clock, parent)
    , m_rest(new CoinbaseRestProvider(endpoints.restUrl, this->clock(), this))
    , m_wsUrl(endpoints.wsUrl)
{
}

CoinbaseSession::~CoinbaseSession() = default;

HistorySource *CoinbaseSession::nativeHistory()
{
    return m_rest;
}

SymbolSource *CoinbaseSession::symbols()
{
    return m_rest;
}

LiveFeed *CoinbaseSession::createLiveFeed(QObject *parent)
{
    Q_UNUSED(parent);
    return nullptr;
}

} // namespace Candlewick
