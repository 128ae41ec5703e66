#pragma once

#include "httpresponse.h"

#include <QString>
#include <QUrlQuery>

#include <optional>

namespace Candlewick {

// The parameters of GET /api/v3/klines and /api/v3/uiKlines, checked as Binance checks them, in
// its order: duplicates (-1101), mandatory symbol and interval (-1102), empty values (-1105),
// illegal characters in symbol, startTime, endTime, limit and timeZone (-1100), unknown
// parameters (-1104). Whether the symbol exists (-1121) and the interval is valid (-1120) is
// for the caller to check, in that order.
struct KlinesQuery
{
    QString symbol;
    QString interval; // as sent, case-sensitive
    std::optional<qint64> startMs; // microseconds (16 digits and more) are turned into ms
    std::optional<qint64> endMs;
    int limit = 500; // 1..1000; larger values give 1000, 0 the default
    qint64 timeZoneMs = 0; // offset east of UTC

    static std::optional<KlinesQuery> parse(const QUrlQuery &query, HttpResponse *error);
    friend bool operator==(const KlinesQuery &, const KlinesQuery &) = default;
};

} // namespace Candlewick
