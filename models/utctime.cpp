#include "utctime.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Candlewick::UtcTime {

std::optional<qint64> parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    static const QRegularExpression digits(QStringLiteral("^\\d{1,16}$"));
    if (digits.match(text).hasMatch())
        return text.toLongLong();

    static const QRegularExpression iso(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,3})?)?))?"
                       "(Z|[+-]\\d{2}:\\d{2})?$"));
    const auto m = iso.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(m.captured(1), Qt::ISODate);
    if (!date.isValid())
        return std::nullopt;
    QTime time(0, 0);
    if (m.hasCaptured(2)) {
        const QString t = m.captured(2);
        time = QTime::fromString(t,
                                 t.size() == 5       ? QStringLiteral("HH:mm")
                                     : t.size() == 8 ? QStringLiteral("HH:mm:ss")
                                                     : QStringLiteral("HH:mm:ss.z"));
        if (!time.isValid())
            return std::nullopt;
    }
    qint64 offsetMs = 0;
    const QString zone = m.captured(3);
    if (zone.size() == 6) {
        const int hours = zone.mid(1, 2).toInt();
        const int minutes = zone.mid(4, 2).toInt();
        if (hours > 14 || minutes > 59)
            return std::nullopt;
        offsetMs = (hours * 60 + minutes) * 60000LL * (zone[0] == u'-' ? -1 : 1);
    }
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch() - offsetMs;
}

QString format(qint64 ms)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return dt.toString(ms % 1000 == 0 ? QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")
                                      : QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

} // namespace Candlewick::UtcTime
