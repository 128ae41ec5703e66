#include "okxsymbolsjob.h"

#include "okxparser.h"
#include "okxrestprovider.h"

#include <exchangerestcall.h>

namespace Candlewick {

OkxSymbolsJob::OkxSymbolsJob(OkxRestProvider *provider)
    : SymbolsJob(provider)
    , m_provider(provider)
{
}

OkxSymbolsJob::~OkxSymbolsJob() = default;

void OkxSymbolsJob::doStart()
{
    QMetaObject::invokeMethod(this, &OkxSymbolsJob::requestNext, Qt::QueuedConnection);
}

void OkxSymbolsJob::doKill()
{
    delete m_call.data();
}

void OkxSymbolsJob::requestNext()
{
    if (!m_provider) {
        emitResult(ProviderError::providerGone(QStringLiteral("OKX")));
        return;
    }
    if (m_types.isEmpty()) {
        finishWith(std::move(m_symbols));
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("instType"), m_types.takeFirst());
    auto data = std::make_shared<QJsonArray>();
    ExchangeRestCall *call
        = m_provider->newCall(OkxRestProvider::InstrumentsPath, query, {}, data, this);
    connect(call, &ExchangeRestCall::requestSent, this, [this] { countRequest(); });
    connect(call, &ExchangeRestCall::succeeded, this, [this, call, data] {
        call->deleteLater();
        SymbolList list;
        const QString why = OkxParser::parseInstruments(*data, &list);
        if (!why.isEmpty()) {
            emitResult({ProviderError::Kind::BadResponse, 200, 0,
                        tr("OKX sent a malformed instrument list: %1").arg(why), 0});
            return;
        }
        m_symbols.append(list);
        requestNext();
    });
    connect(call, &ExchangeRestCall::failed, this, [this, call](const ProviderError &error) {
        call->deleteLater();
        emitResult(error);
    });
    m_call = call;
    call->start();
}

} // namespace Candlewick
