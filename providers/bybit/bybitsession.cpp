#include "bybitsession.h"

#include "bybitlivefeed.h"
#include "bybitrestprovider.h"

#include <requestratelimiter.h>

namespace Candlewick {

BybitSession::BybitSession(const Exchange &exchange, const QString &category,
                           const Endpoints &endpoints, Clock *clock, QObject *parent)
    : ExchangeSession(exchange, clock, parent)
    , m_rest(new BybitRestProvider(endpoints.restUrl, category, this->clock(), this))
    , m_wsUrl(endpoints.wsUrl)
{
    if (const auto budget
        = RequestRateLimiter::declaredBudget(exchange.environmentVariable("REQUEST_BUDGET")))
        m_rest->setRequestBudget(budget->requests, budget->windowMs);
}

BybitSession::~BybitSession() = default;

HistorySource *BybitSession::nativeHistory()
{
    return m_rest;
}

SymbolSource *BybitSession::symbols()
{
    return m_rest;
}

LiveFeed *BybitSession::createLiveFeed(QObject *parent)
{
    return new BybitLiveFeed(exchange(), m_wsUrl, clock(), parent);
}

} // namespace Candlewick
