#include "exchangesession.h"

#include "builtintervalhistory.h"
#include "gapfreefeed.h"
#include "livefeed.h"

#include <clock.h>

namespace Candlewick {

ExchangeSession::ExchangeSession(const Exchange &exchange, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_exchange(exchange)
    , m_clock(clock ? clock : Clock::system())
{
}

ExchangeSession::~ExchangeSession() = default;

HistorySource *ExchangeSession::history()
{
    if (!m_history)
        m_history = std::make_unique<BuiltIntervalHistory>(m_exchange, nativeHistory());
    return m_history.get();
}

GapFreeFeed *ExchangeSession::createGapFreeFeed(QObject *parent)
{
    LiveFeed *live = createLiveFeed();
    if (!live)
        return nullptr;
    auto *feed = new GapFreeFeed(live, history(), m_clock, parent);
    return feed;
}

TradeFeed *ExchangeSession::createTradeFeed(QObject *parent)
{
    Q_UNUSED(parent);
    return nullptr;
}

} // namespace Candlewick
