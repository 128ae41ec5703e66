#include "binancesymbolsjob.h"

#include "binancerestprovider.h"
#include "restcall.h"
#include "requestweightlimiter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick {

BinanceSymbolsJob::BinanceSymbolsJob(BinanceRestProvider *provider)
    : SymbolsJob(provider)
    , m_provider(provider)
{
}

BinanceSymbolsJob::~BinanceSymbolsJob()
{
    if (m_call)
        m_call->abort();
}

QString BinanceSymbolsJob::parseExchangeInfo(const QByteArray &body, SymbolList *symbols,
                                             const QString &contractType)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return tr("invalid JSON: %1").arg(parseError.errorString());
    if (!doc.isObject())
        return tr("exchangeInfo is not a JSON object");
    const QJsonValue list = doc.object().value(QLatin1StringView("symbols"));
    if (!list.isArray())
        return tr("exchangeInfo has no symbols array");
    SymbolList result;
    const QJsonArray array = list.toArray();
    result.reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        SymbolInfo info;
        info.symbol = o.value(QLatin1StringView("symbol")).toString();
        info.baseAsset = o.value(QLatin1StringView("baseAsset")).toString();
        info.quoteAsset = o.value(QLatin1StringView("quoteAsset")).toString();
        info.status = o.value(QLatin1StringView("status")).toString();
        if (info.symbol.isEmpty())
            return tr("a symbol entry has no name");
        if (!contractType.isEmpty()
            && o.value(QLatin1StringView("contractType")).toString() != contractType)
            continue;
        const QJsonArray filters = o.value(QLatin1StringView("filters")).toArray();
        for (const QJsonValue &f : filters) {
            const QJsonObject filter = f.toObject();
            if (filter.value(QLatin1StringView("filterType")).toString()
                == QLatin1StringView("PRICE_FILTER")) {
                const QJsonValue tick = filter.value(QLatin1StringView("tickSize"));
                info.tickSize = tick.isString() ? tick.toString().toDouble() : tick.toDouble();
            }
        }
        result.append(info);
    }
    *symbols = std::move(result);
    return {};
}

void BinanceSymbolsJob::doStart()
{
    if (!m_provider) {
        QMetaObject::invokeMethod(
            this, [this] { emitResult(ProviderError::providerGone(QStringLiteral("Binance"))); },
            Qt::QueuedConnection);
        return;
    }
    const BinanceApi &api = m_provider->api();
    const QString path = api.exchangeInfoPath;
    auto *call = new RestCall(m_provider, path, {}, api.exchangeInfoWeight, this);
    call->setNeedsLimits(false);
    call->setRequestInfo({{}, {}, m_provider->endpointUrl(path, {}).toString()});
    call->setBodyHandler([this](const QByteArray &body) {
        const QString why = parseExchangeInfo(
            body, &m_parsed, m_provider ? m_provider->api().contractType : QString());
        if (why.isEmpty() && m_provider) {
            if (auto windows = RequestWeightLimiter::windowsFromExchangeInfo(body))
                m_provider->weightLimiter()->setWindows(*windows);
        }
        return why;
    });
    connect(call, &RestCall::succeeded, this, [this] { finishWith(std::move(m_parsed)); });
    connect(call, &RestCall::failed, this,
            [this](const ProviderError &error) { emitResult(error); });
    m_call = call;
    call->start();
}

void BinanceSymbolsJob::doKill()
{
    if (m_call)
        m_call->abort();
}

} // namespace Candlewick
