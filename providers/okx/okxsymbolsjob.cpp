#include "okxsymbolsjob.h"

#include "okxparser.h"
#include <requestratelimiter.h>
#include "okxrequest.h"
#include "okxrestprovider.h"

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
    if (m_request)
        m_request->abort();
}

void OkxSymbolsJob::requestNext()
{
    if (!m_provider) {
        emitResult(
            {ProviderError::Kind::Cancelled, 0, 0, QStringLiteral("The OKX provider is gone"), 0});
        return;
    }
    if (m_types.isEmpty()) {
        finishWith(std::move(m_symbols));
        return;
    }
    const QString path = QStringLiteral("/api/v5/public/instruments");
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("instType"), m_types.takeFirst());
    auto *request = new OkxRequest(m_provider, m_provider->instrumentsLimiter(), path, query,
                                   {{}, {}, m_provider->endpointUrl(path, query).toString()}, this);
    connect(request, &OkxRequest::requestSent, this, [this] { countRequest(); });
    connect(request, &OkxRequest::succeeded, this, [this, request](const QJsonArray &data) {
        request->deleteLater();
        SymbolList list;
        const QString why = OkxParser::parseInstruments(data, &list);
        if (!why.isEmpty()) {
            emitResult({ProviderError::Kind::BadResponse, 200, 0,
                        QStringLiteral("OKX sent a malformed instrument list: %1").arg(why), 0});
            return;
        }
        m_symbols.append(list);
        requestNext();
    });
    connect(request, &OkxRequest::failed, this, [this, request](const ProviderError &error) {
        request->deleteLater();
        emitResult(error);
    });
    m_request = request;
    request->start();
}

} // namespace Candlewick
