#pragma once

#include <exchangesession.h>

#include <QUrl>

namespace Candlewick {

class BinanceArchive;
class BinanceRestProvider;
struct BinanceApi;

// The roles of a Binance market (its BinanceApi): one REST provider (history and symbols, one
// weight limiter), kline WebSocket feeds, trade feeds where the market has them, and the public
// archive (bulkHistory()): the one given in the endpoints, else the default one while the REST URL
// is the default (a mirror or a test server is never mixed with the public archive), else none.
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
    BulkHistory *bulkHistory() override;

protected:
    HistorySource *nativeHistory() override;

private:
    const BinanceApi &m_api;
    BinanceRestProvider *m_rest;
    BinanceArchive *m_archive = nullptr;
    QUrl m_wsUrl;
};

} // namespace Candlewick
