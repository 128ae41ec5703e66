#include "okxparser.h"

#include <wholenumber.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace Candlewick::OkxParser {

namespace {

// This file's texts, under the context of their catalogue entries.
class OkxParserTr
{
    Q_DECLARE_TR_FUNCTIONS(Candlewick::OkxParser)
};

// A number OKX writes as a string ("17071.5", "1670608800000").
template<typename T> bool readOkxNumber(const QJsonValue &v, T *out)
{
    if (!v.isString())
        return false;
    const QByteArray s = v.toString().toLatin1();
    return parseWholeNumber(std::string_view(s.constData(), size_t(s.size())), out);
}

} // namespace

bool isDerivative(const QString &instId)
{
    return instId.count(u'-') >= 2;
}

std::optional<Envelope> parseEnvelope(const QByteArray &body, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = OkxParserTr::tr("invalid JSON: %1").arg(error.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    const QJsonValue code = o.value(QLatin1StringView("code"));
    if (!doc.isObject() || !code.isString()) {
        *why = OkxParserTr::tr("not an OKX envelope (no string code)");
        return std::nullopt;
    }
    Envelope e{code.toString(), o.value(QLatin1StringView("msg")).toString(),
               o.value(QLatin1StringView("data")).toArray()};
    if (e.ok() && !o.value(QLatin1StringView("data")).isArray()) {
        *why = OkxParserTr::tr("no data array");
        return std::nullopt;
    }
    return e;
}

QString parseCandleRows(const QJsonArray &data, bool derivative, QList<CandleRow> *rows)
{
    QList<CandleRow> result;
    result.reserve(data.size());
    for (const QJsonValue &v : data) {
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() < 9)
            return OkxParserTr::tr("a candle row is not an array of 9 strings");
        CandleRow row;
        Candle &c = row.candle;
        double vol = 0;
        double volCcy = 0;
        if (!readOkxNumber(a[0], &c.openTime) || !readOkxNumber(a[1], &c.open)
            || !readOkxNumber(a[2], &c.high) || !readOkxNumber(a[3], &c.low)
            || !readOkxNumber(a[4], &c.close) || !readOkxNumber(a[5], &vol)
            || !readOkxNumber(a[6], &volCcy) || !readOkxNumber(a[7], &c.quoteVolume))
            return OkxParserTr::tr("a candle row has a field that is not a number string");
        const QString confirm = a[8].toString();
        if (confirm != QLatin1StringView("0") && confirm != QLatin1StringView("1"))
            return OkxParserTr::tr("a candle row has confirm %1, not \"0\" or \"1\"")
                .arg(a[8].toVariant().toString());
        c.volume = derivative ? volCcy : vol;
        row.confirmed = confirm == QLatin1StringView("1");
        c.closed = row.confirmed;
        result.append(row);
    }
    *rows = std::move(result);
    return {};
}

QString parseInstruments(const QJsonArray &data, SymbolList *symbols)
{
    SymbolList result;
    result.reserve(data.size());
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        SymbolInfo info;
        info.symbol = o.value(QLatin1StringView("instId")).toString();
        if (info.symbol.isEmpty())
            return OkxParserTr::tr("an instrument has no instId");
        const QStringList parts = info.symbol.split(u'-');
        info.baseAsset = o.value(QLatin1StringView("baseCcy")).toString();
        info.quoteAsset = o.value(QLatin1StringView("quoteCcy")).toString();
        if (info.baseAsset.isEmpty() && parts.size() >= 2) {
            info.baseAsset = parts.at(0);
            info.quoteAsset = parts.at(1);
        }
        const QString state = o.value(QLatin1StringView("state")).toString();
        info.status = state == QLatin1StringView("live") ? QStringLiteral("TRADING") : state;
        info.tickSize = o.value(QLatin1StringView("tickSz")).toString().toDouble();
        result.append(info);
    }
    *symbols = std::move(result);
    return {};
}

} // namespace Candlewick::OkxParser
