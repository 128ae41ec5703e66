#include "bybitsymbolsjob.h"

#include "bybitapi.h"
#include "bybitrestprovider.h"

#include <exchangerestcall.h>

namespace Candlewick {

namespace {
const QString InstrumentsPath = QStringLiteral("/v5/market/instruments-info");
constexpr int MaxPages = 100;
} // namespace

BybitSymbolsJob::BybitSymbolsJob(BybitRestProvider *provider)
    : SymbolsJob(provider)
    , m_provider(provider)
{
}

BybitSymbolsJob::~BybitSymbolsJob()
{
    delete m_call.data();
}

void BybitSymbolsJob::doStart()
{
    if (!m_provider) {
        QMetaObject::invokeMethod(
            this, [this] { emitResult(ProviderError::providerGone(QStringLiteral("Bybit"))); },
            Qt::QueuedConnection);
        return;
    }
    requestPage({});
}

void BybitSymbolsJob::doKill()
{
    delete m_call.data();
}

void BybitSymbolsJob::requestPage(const QString &cursor)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("category"), m_provider->category());
    if (m_provider->category() != QLatin1StringView("spot"))
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), cursor);
    ExchangeRestCall *call = m_provider->newCall(InstrumentsPath, query, {}, this);
    connect(call, &ExchangeRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &ExchangeRestCall::succeeded, this, [this, call](const QByteArray &body) {
        call->deleteLater();
        SymbolList page;
        QString next;
        QString why;
        if (const auto envelope = BybitApi::parseEnvelope(body, &why))
            why = BybitApi::parseInstruments(envelope->result, m_provider->category(), &page,
                                             &next);
        if (!why.isEmpty()) {
            return emitResult({ProviderError::Kind::BadResponse, 200, 0,
                               tr("Bad instruments-info response from Bybit: %1").arg(why), 0});
        }
        m_symbols.append(page);
        if (!next.isEmpty() && requestCount() < MaxPages)
            return requestPage(next);
        finishWith(std::move(m_symbols));
    });
    connect(call, &ExchangeRestCall::failed, this,
            [this](const ProviderError &error) { emitResult(error); });
    m_call = call;
    call->start();
}

} // namespace Candlewick
