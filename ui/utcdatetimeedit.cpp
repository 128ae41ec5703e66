#include "utcdatetimeedit.h"

namespace Candlewick {

UtcDateTimeEdit::UtcDateTimeEdit(QWidget *parent)
    : QDateTimeEdit(parent)
{
    setTimeSpec(Qt::UTC);
    setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    setCalendarPopup(true);
}

void UtcDateTimeEdit::setMsecs(qint64 ms)
{
    setDateTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

} // namespace Candlewick
