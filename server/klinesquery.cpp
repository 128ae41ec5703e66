#include "klinesquery.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Candlewick {

namespace {

const QRegularExpression &symbolPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9-_.]{1,20}$"));
    return re;
}

const QRegularExpression &digitsPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{1,20}$"));
    return re;
}

// "8", "-1:00", "+05:45", within [-12:00, +14:00]: the offset east of UTC in ms.
std::optional<qint64> timeZoneOffset(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([+-]?)([0-9]{1,2})(?::([0-9]{2}))?$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const int minutes = m.hasCaptured(3) ? m.captured(3).toInt() : 0;
    if (minutes >= 60)
        return std::nullopt;
    const int total = (m.captured(1) == QLatin1StringView("-") ? -1 : 1)
        * (m.captured(2).toInt() * 60 + minutes);
    if (total < -12 * 60 || total > 14 * 60)
        return std::nullopt;
    return qint64(total) * 60 * 1000;
}

} // namespace

std::optional<KlinesQuery> KlinesQuery::parse(const QUrlQuery &query, HttpResponse *error)
{
    const auto fail = [error](int code, const QString &msg) {
        *error = HttpResponse::binanceError(400, code, msg);
        return std::nullopt;
    };
    const QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    static const QStringList known{QStringLiteral("symbol"),    QStringLiteral("interval"),
                                   QStringLiteral("startTime"), QStringLiteral("endTime"),
                                   QStringLiteral("timeZone"),  QStringLiteral("limit")};
    QSet<QString> names;
    int read = 0;
    for (const auto &item : items) {
        if (names.contains(item.first))
            return fail(-1101, QStringLiteral("Duplicate values for a parameter detected."));
        names.insert(item.first);
        if (known.contains(item.first))
            ++read;
    }
    const auto value = [&items](const QString &name) -> std::optional<QString> {
        for (const auto &item : items) {
            if (item.first == name)
                return item.second;
        }
        return std::nullopt;
    };
    for (const QString &name : {QStringLiteral("symbol"), QStringLiteral("interval")}) {
        const auto v = value(name);
        if (!v || v->isEmpty())
            return fail(-1102,
                        QStringLiteral("Mandatory parameter '%1' was not sent, was "
                                       "empty/null, or malformed.")
                            .arg(name));
    }
    for (const auto &item : items) {
        if (item.second.isEmpty() && known.contains(item.first))
            return fail(-1105, QStringLiteral("Parameter '%1' was empty.").arg(item.first));
    }
    KlinesQuery q;
    q.symbol = *value(QStringLiteral("symbol"));
    q.interval = *value(QStringLiteral("interval"));
    if (!symbolPattern().match(q.symbol).hasMatch())
        return fail(-1100,
                    QStringLiteral("Illegal characters found in parameter 'symbol'; legal "
                                   "range is '^[A-Z0-9-_.]{1,20}$'."));
    std::optional<qint64> numbers[3];
    const QString numberNames[3]
        = {QStringLiteral("startTime"), QStringLiteral("endTime"), QStringLiteral("limit")};
    for (int i = 0; i < 3; ++i) {
        const auto v = value(numberNames[i]);
        if (!v)
            continue;
        bool ok = false;
        const qint64 n = v->toLongLong(&ok);
        if (!ok || !digitsPattern().match(*v).hasMatch())
            return fail(-1100,
                        QStringLiteral("Illegal characters found in parameter '%1'; legal "
                                       "range is '^[0-9]{1,20}$'.")
                            .arg(numberNames[i]));
        numbers[i] = n;
    }
    if (const auto tz = value(QStringLiteral("timeZone"))) {
        const std::optional<qint64> offset = timeZoneOffset(*tz);
        if (!offset)
            return fail(-1100,
                        QStringLiteral("Illegal characters found in parameter 'timeZone'; "
                                       "legal range is '[-12:00 to +14:00]'."));
        q.timeZoneMs = *offset;
    }
    if (read < items.size())
        return fail(-1104,
                    QStringLiteral("Not all sent parameters were read; read '%1' "
                                   "parameter(s) but was sent '%2'.")
                        .arg(read)
                        .arg(items.size()));
    const auto toMs = [](qint64 t) { return t >= 1'000'000'000'000'000LL ? t / 1000 : t; };
    if (numbers[0])
        q.startMs = toMs(*numbers[0]);
    if (numbers[1])
        q.endMs = toMs(*numbers[1]);
    const qint64 limit = numbers[2].value_or(500);
    q.limit = limit <= 0 ? 500 : int(std::min<qint64>(limit, 1000));
    return q;
}

} // namespace Candlewick
