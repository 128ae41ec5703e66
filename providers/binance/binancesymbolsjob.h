#pragma once

#include "symbolsjob.h"

#include <QPointer>

namespace Candlewick {

class BinanceRestProvider;
class RestCall;

// GET exchangeInfo (/api/v3/exchangeInfo on Spot) -> every symbol with its assets, status and
// PRICE_FILTER tick size (only those of the API's contractType when it has one). Also teaches
// the provider's weight limiter the current rate limits.
class BinanceSymbolsJob : public SymbolsJob
{
    Q_OBJECT
public:
    explicit BinanceSymbolsJob(BinanceRestProvider *provider);
    ~BinanceSymbolsJob() override;

    // Parses an exchangeInfo body; returns an empty string on success, else why it is bad.
    // `contractType` non-empty: only the symbols of that contractType.
    static QString parseExchangeInfo(const QByteArray &body, SymbolList *symbols,
                                     const QString &contractType = {});

protected:
    void doStart() override;
    void doKill() override;

private:
    QPointer<BinanceRestProvider> m_provider;
    QPointer<RestCall> m_call;
    SymbolList m_parsed;
};

} // namespace Candlewick
