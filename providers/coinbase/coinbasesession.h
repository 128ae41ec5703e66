#pragma once

#include <exchangesession.h>

#include <QUrl>

namespace Candlewick {

class CoinbaseRestProvider;

// The roles of Coinbase Advanced Trade: one REST provider (history and products, one rate
// limiter) and live candles built from the market_trades WebSocket channel.
class CoinbaseSession : public ExchangeSession
{
    Q_OBJECT
public:
    CoinbaseSession(const Exchange &exchange, const Endpoints &endpoints, Clock *clock,
                    QObject *parent = nullptr);
    ~CoinbaseSession() override;

    SymbolSource *symbols() override;
    // TradeLiveFeed over createTradeFeed().
    LiveFeed *createLiveFeed(QObject *parent = nullptr) override;
    // A CoinbaseTradeFeed (market_trades).
    TradeFeed *createTradeFeed(QObject *parent = nullptr) override;

    CoinbaseRestProvider *restProvider() const { return m_rest; }

protected:
    HistorySource *nativeHistory() override;

private:
    CoinbaseRestProvider *m_rest;
    QUrl m_wsUrl;
};

} // namespace Candlewick
