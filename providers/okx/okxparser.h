#pragma once

#include <candle.h>
#include <symbolinfo.h>

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace Candlewick::OkxParser {

// {"code":"0","msg":"","data":[...]}: `code` is a string ("0" is success).
struct Envelope
{
    QString code;
    QString msg;
    QJsonArray data;

    bool ok() const { return code == QLatin1StringView("0"); }
};

// The envelope of a REST body; nullopt with `why` when the body is not one.
std::optional<Envelope> parseEnvelope(const QByteArray &body, QString *why);

// One candle row [ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm] (strings), as the REST candles
// endpoints and the WebSocket candle channels send it.
struct CandleRow
{
    Candle candle; // volume in the base currency, quoteVolume in the quote currency
    bool confirmed = false; // confirm "1": the candle is final
};

// `derivative`: vol counts contracts, so the base volume is volCcy (spot: vol). Returns why the
// rows are bad, or an empty string; a bad row fails the whole list.
QString parseCandleRows(const QJsonArray &data, bool derivative, QList<CandleRow> *rows);

// /api/v5/public/instruments data: instId, baseCcy/quoteCcy (spot) or the parts of the instId
// (swaps), settleCcy, tickSz, state (live -> TRADING).
QString parseInstruments(const QJsonArray &data, SymbolList *symbols);

// Whether an instId names a derivative (BTC-USDT-SWAP, BTC-USD-240628) rather than a spot pair.
bool isDerivative(const QString &instId);

} // namespace Candlewick::OkxParser
