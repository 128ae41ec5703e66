#pragma once

#include <exchangesession.h>

#include <QUrl>

namespace Candlewick {

class BybitRestProvider;

// The roles of one Bybit v5 category: one REST provider (history and symbols, one rate limiter)
// and kline WebSocket feeds.
class BybitSession : public ExchangeSession
{
    Q_OBJECT
public:
    BybitSession(const Exchange &exchange, const QString &category, const Endpoints &endpoints,
                 Clock *clock, QObject *parent = nullptr);
    ~BybitSession() override;

    SymbolSource *symbols() override;
    LiveFeed *createLiveFeed(QObject *parent = nullptr) override;

    BybitRestProvider *restProvider() const { return m_rest; }

protected:
    HistorySource *nativeHistory() override;

private:
    BybitRestProvider *m_rest;
    QUrl m_wsUrl;
};

} // namespace Candlewick
