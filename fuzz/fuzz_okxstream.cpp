// OKX v5 business WebSocket frames as OkxLiveFeed reads them: text pong, event answers
// (subscribe, error, notice) and candle pushes {"arg":{...},"data":[[...]]}.
#include <okx/okxparser.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Candlewick;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text
        = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString instId
        = o.value(QLatin1StringView("arg")).toObject().value(QLatin1StringView("instId")).toString();
    const QJsonArray rows = o.value(QLatin1StringView("data")).toArray();
    QList<OkxParser::CandleRow> candles;
    const QString why = OkxParser::parseCandleRows(rows, OkxParser::isDerivative(instId), &candles);
    if (why.isEmpty() && candles.size() != rows.size())
        std::abort(); // an accepted push has one candle per row
    return 0;
}
