#pragma once

#include <exchangesession.h>

#include <QUrl>

namespace Candlewick {

class BinanceRestProvider;
struct BinanceApi;

// The roles of a Binance market (its BinanceApi): one REST provider (history and symbols, one
// weight limiter), kline WebSocket feeds and, where the market has them, trade feeds.
class BinanceSession : public ExchangeSession
{
    Q_OBJECT
public:
    BinanceSession(const Exchange &exchange, const BinanceApi &api, const Endpoints &endpoints,
                   Clock *clock, QObject *parent = nullptr);
    ~BinanceSession() override;

    SymbolSource *symbols() override;
    LiveFeed *createLiveFeed(QObject *parent = nullptr) override;
    TradeFeed *createTradeFeed(QObject *parent = nullptr) override;

protected:
    HistorySource *nativeHistory() override;

private:
    const BinanceApi &m_api;
    BinanceRestProvider *m_rest;
    QUrl m_wsUrl;
};

} // namespace Candlewick
