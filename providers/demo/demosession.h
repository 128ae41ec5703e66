#pragma once

#include <exchangesession.h>

namespace Candlewick {

class MockMarket;

// The Demo exchange's roles: one MockMarket for history and symbols; each live feed is a MockMarket
// of its own with the same seed, pace and scripts, so every feed and the history agree.
class DemoSession : public ExchangeSession
{
    Q_OBJECT
public:
    DemoSession(const Exchange &exchange, Clock *clock, QObject *parent = nullptr);
    ~DemoSession() override;

    SymbolSource *symbols() override;
    LiveFeed *createLiveFeed(QObject *parent = nullptr) override;

    // The market behind history and symbols; its live settings and scripts are copied into every
    // feed made afterwards.
    MockMarket *market() const { return m_market; }

protected:
    HistorySource *nativeHistory() override;

private:
    MockMarket *m_market;
};

} // namespace Candlewick
