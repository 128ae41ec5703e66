#include "okxsession.h"

#include "okxlivefeed.h"
#include "okxrestprovider.h"

#include <requestratelimiter.h>

namespace Candlewick {

OkxSession::OkxSession(const Exchange &exchange, const Endpoints &endpoints, Clock *clock,
                       QObject *parent)
    : ExchangeSession(exchange, clock, parent)
    , m_rest(new OkxRestProvider(endpoints.restUrl, this->clock(), this))
    , m_wsUrl(endpoints.wsUrl)
{
    if (const auto budget
        = RequestRateLimiter::declaredBudget(exchange.environmentVariable("REQUEST_BUDGET")))
        m_rest->setRequestBudget(budget->requests, budget->windowMs);
}

OkxSession::~OkxSession() = default;

HistorySource *OkxSession::nativeHistory()
{
    return m_rest;
}

SymbolSource *OkxSession::symbols()
{
    return m_rest;
}

LiveFeed *OkxSession::createLiveFeed(QObject *parent)
{
    return new OkxLiveFeed(m_wsUrl, clock(), parent);
}

} // namespace Candlewick
