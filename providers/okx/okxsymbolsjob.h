#pragma once

#include <symbolsjob.h>

#include <QPointer>

namespace Candlewick {

class ExchangeRestCall;
class OkxRestProvider;

// GET /api/v5/public/instruments for instType SPOT, then SWAP: every instrument with its assets,
// state (live -> TRADING) and tick size.
class OkxSymbolsJob : public SymbolsJob
{
    Q_OBJECT
public:
    explicit OkxSymbolsJob(OkxRestProvider *provider);
    ~OkxSymbolsJob() override;

protected:
    void doStart() override;
    void doKill() override;

private:
    void requestNext();

    QPointer<OkxRestProvider> m_provider;
    QPointer<ExchangeRestCall> m_call;
    QStringList m_types{QStringLiteral("SPOT"), QStringLiteral("SWAP")};
    SymbolList m_symbols;
};

} // namespace Candlewick
