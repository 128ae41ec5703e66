#pragma once

#include <exchangesession.h>

#include <QUrl>

namespace Candlewick {

class OkxRestProvider;

// The roles of OKX: one REST provider for history and instruments, candle feeds on the business
// WebSocket.
class OkxSession : public ExchangeSession
{
    Q_OBJECT
public:
    OkxSession(const Exchange &exchange, const Endpoints &endpoints, Clock *clock,
               QObject *parent = nullptr);
    ~OkxSession() override;

    SymbolSource *symbols() override;
    LiveFeed *createLiveFeed(QObject *parent = nullptr) override;

protected:
    HistorySource *nativeHistory() override;

private:
    OkxRestProvider *m_rest;
    QUrl m_wsUrl;
};

} // namespace Candlewick
