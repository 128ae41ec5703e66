#include "demosession.h"

#include "mockmarket.h"

namespace Candlewick {

namespace {
constexpr quint64 DemoSeed = 1;
}

DemoSession::DemoSession(const Exchange &exchange, Clock *clock, QObject *parent)
    : ExchangeSession(exchange, clock, parent)
    , m_market(new MockMarket(DemoSeed, this->clock(), this))
{
}

DemoSession::~DemoSession() = default;

HistorySource *DemoSession::nativeHistory()
{
    return m_market;
}

SymbolSource *DemoSession::symbols()
{
    return m_market;
}

LiveFeed *DemoSession::createLiveFeed(QObject *parent)
{
    auto *feed = new MockMarket(DemoSeed, clock(), parent);
    feed->copySettings(*m_market);
    return feed;
}

} // namespace Candlewick
